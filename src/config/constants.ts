/** Plain lists shared by the schema and the start-up code; no zod here, so importing is free. */
export const LOCALES = ['ko', 'en', 'ja', 'zh'] as const;
/** How a text setting that may be given per language says so, in its description. */
export const PER_LOCALE = `, or such text per language: { ${LOCALES.map((l) => `"${l}"`).join(', ')} }`;
export const BUTTON_PRESETS = ['phone', 'kakao', 'blog', 'directions', 'cost', 'consult'] as const;
export const FORM_PRESETS = ['cost', 'kakao', 'consult'] as const;
export const FIELD_KINDS = ['text', 'tel', 'textarea', 'select', 'radio', 'checkbox'] as const;
export const POSITIONS = ['bottom-right', 'bottom-left'] as const;
export const FORMATS = ['json', 'form'] as const;
/**
 * Longer than the pause within a double tap (older patients' are slow), shorter than reading a
 * message: a second tap this soon is part of the first, not a new choice.
 */
export const DOUBLE_TAP_MS = 700;
