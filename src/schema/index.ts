/** Shared with receivers: import from "consult-widget/schema" on the server to validate posts. */
export { InquirySchema, FieldValueSchema, MAX_TEXT, MAX_INQUIRY_BYTES, type Inquiry, type FieldValue } from './inquiry.js';
export { toFormBody, fromFormBody } from './form-encoding.js';
export { isKoreanPhone, isInternationalPhone, isPhoneNumber, normalizePhone } from './phone.js';
export { telHref } from '../util/tel.js';
export { ConfigSchema } from '../config/schema.js';
