import type { FieldConfig, FormConfig, WidgetConfig } from './schema.js';

const name: FieldConfig = { name: 'name', kind: 'text', required: true, maxLength: 30 };
const phone: FieldConfig = { name: 'phone', kind: 'tel', required: true, maxLength: 20 };
const message: FieldConfig = { name: 'message', kind: 'textarea', required: false, maxLength: 1000 };

/** The forms every clinic page of this kind carries; configuration may replace or add to them. */
export const PRESET_FORMS: Readonly<Record<string, readonly FieldConfig[]>> = {
  cost: [name, phone, message],
  kakao: [name, phone, message],
  consult: [
    name,
    phone,
    { name: 'interest', kind: 'select', required: false },
    { name: 'gender', kind: 'radio', required: false, options: [{ value: 'female', label: '' }, { value: 'male', label: '' }] },
    message,
  ],
};

/** Whether open(id) has a form to show; cheap, so the buttons need not load the presets. */
export function hasForm(config: Partial<WidgetConfig>, id: string): boolean {
  return id in PRESET_IDS || !!config.forms?.some((f) => f.id === id);
}
const PRESET_IDS = { cost: 1, kakao: 1, consult: 1 };

export interface ResolvedForm {
  id: string;
  title?: string;
  submitLabel?: string;
  fields: readonly FieldConfig[];
}

export function resolveForm(config: Partial<WidgetConfig>, id: string): ResolvedForm | undefined {
  const custom: FormConfig | undefined = config.forms?.find((f) => f.id === id);
  const preset = PRESET_FORMS[id];
  if (!custom && !preset) return undefined;
  return { id, title: custom?.title, submitLabel: custom?.submitLabel, fields: custom?.fields ?? preset ?? [] };
}
