import type { FieldConfig, FormConfig, WidgetConfig } from './schema.js';
import { FORM_PRESETS } from './constants.js';

const name: FieldConfig = { name: 'name', kind: 'text', required: true, maxLength: 30 };
const phone: FieldConfig = { name: 'phone', kind: 'tel', required: true, maxLength: 20 };
// What patients write in a message to a clinic, and the treatment or area they pick, tell of
// their health: sensitive information (PIPA Art. 23), asked for only with its own consent. Both
// are optional, so that consent is needed only when one of them is filled in.
const message: FieldConfig = { name: 'message', kind: 'textarea', required: false, maxLength: 1000, sensitive: true };
/** The treatment or area select; its options are the configured `interests`, and without them it is left out. */
const interest: FieldConfig = { name: 'interest', kind: 'select', required: false, sensitive: true };

/** The forms every clinic page of this kind carries; configuration may replace or add to them. */
export const PRESET_FORMS: Readonly<Record<(typeof FORM_PRESETS)[number], readonly FieldConfig[]>> = {
  cost: [name, phone, interest, message],
  kakao: [name, phone, message],
  consult: [
    name,
    phone,
    interest,
    // Stable values for the clinic's records; the labels are localized (texts.ts optionLabel).
    { name: 'gender', kind: 'radio', required: false, options: ['female', 'male'] },
    message,
  ],
};

export interface ResolvedForm {
  id: string;
  title?: string;
  submitLabel?: string;
  fields: readonly FieldConfig[];
}

export function resolveForm(config: Partial<WidgetConfig>, id: string): ResolvedForm | undefined {
  const custom: FormConfig | undefined = config.forms?.find((f) => f.id === id);
  const preset = (FORM_PRESETS as readonly string[]).includes(id) ? PRESET_FORMS[id as keyof typeof PRESET_FORMS] : undefined;
  if (!custom && !preset) return undefined;
  // A clinic that lists no interests gets no area select (no hair-transplant areas on a dental site).
  const fields = (custom?.fields ?? preset ?? []).filter((f) => f.options?.length || !(f.kind === 'select' && f.name === 'interest') || config.interests?.length);
  return { id, title: custom?.title, submitLabel: custom?.submitLabel, fields };
}
