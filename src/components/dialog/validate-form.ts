import * as z from 'zod/mini';
import type { FieldConfig } from '../../config/schema.js';
import type { ResolvedForm } from '../../config/forms.js';
import { isKoreanPhone } from '../../schema/phone.js';
import type { FieldValue } from '../../schema/inquiry.js';
import { errorTexts, fieldLabel } from './texts.js';

export const DEFAULT_MAX_LENGTH = 1000;

function fieldSchema(field: FieldConfig) {
  if (field.kind === 'checkbox') {
    return field.required ? z.literal(true, { error: errorTexts.check() }) : z.optional(z.boolean());
  }
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  const chosen = field.kind === 'select' || field.kind === 'radio';
  return z.string().check(
    z.trim(),
    z.refine((v) => !field.required || v.length > 0, chosen ? errorTexts.choose(fieldLabel(field)) : errorTexts.required(fieldLabel(field))),
    z.maxLength(max, errorTexts.tooLong(max)),
    // The payload schema checks any field named "phone", so the form must too, whatever its kind.
    z.refine((v) => (field.kind !== 'tel' && field.name !== 'phone') || v === '' || isKoreanPhone(v), errorTexts.phone()),
  );
}

/**
 * Checks what the patient typed against the form's configuration, with messages in the
 * patient's language. Returns the first message per field, in the order fields appear.
 */
export function validateFields(form: ResolvedForm, values: Record<string, FieldValue>): Record<string, string> {
  const shape = Object.fromEntries(form.fields.map((f) => [f.name, fieldSchema(f)]));
  const result = z.object(shape).safeParse(values);
  // Prototype-less, so a field named "constructor" gets its message like any other.
  const errors = Object.create(null) as Record<string, string>;
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const name = String(issue.path[0]);
    errors[name] ??= issue.message;
  }
  return errors;
}
