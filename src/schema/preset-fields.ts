/**
 * The preset forms' fields, which a receiver names itself (이름, 연락처, …) whatever label an
 * inquiry brings: only the clinic's own fields are shown by their labels. Free of zod, for the
 * inbox's bundle too.
 */
export const PRESET_FIELDS: ReadonlySet<string> = new Set(['name', 'phone', 'message', 'interest', 'gender']);
