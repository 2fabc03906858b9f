import { toFormBody } from '../schema/form-encoding.js';
import type { Inquiry } from '../schema/inquiry.js';

export type BodyFormat = 'json' | 'form';

export interface EncodedBody {
  body: string;
  contentType: string;
}

const CONTENT_TYPES: Record<BodyFormat, string> = {
  json: 'application/json',
  // A "simple" request: form back-ends and spreadsheet scripts get it without a CORS preflight.
  form: 'application/x-www-form-urlencoded',
};

/** The request body for the `format` setting: JSON, or form fields with dot-separated keys. */
export function encodeInquiry(inquiry: Inquiry, format: BodyFormat = 'json'): EncodedBody {
  return { body: format === 'form' ? toFormBody(inquiry) : JSON.stringify(inquiry), contentType: CONTENT_TYPES[format] };
}

export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** Bytes one value takes once encoded in a body of this format (without its key). */
export function encodedValueBytes(value: string, format: BodyFormat): number {
  return format === 'form' ? new URLSearchParams({ v: value }).toString().length - 2 : byteLength(JSON.stringify(value)) - 2;
}

/**
 * The most one UTF-16 unit of typed text can take in the body: a Korean syllable is 3 bytes
 * of UTF-8, and in a form body each byte is written as %XX. Control characters, which JSON
 * would escape to six bytes, are removed before sending (text.ts).
 */
export const BYTES_PER_UNIT: Record<BodyFormat, number> = { json: 3, form: 9 };

/** `text` cut so that, encoded, it takes at most `maxBytes`; never splits a surrogate pair. */
export function fitBytes(text: string, maxBytes: number, format: BodyFormat): string {
  let out = text;
  for (let bytes = encodedValueBytes(out, format); bytes > maxBytes; bytes = encodedValueBytes(out, format)) {
    let cut = Math.max(0, Math.min(out.length - 1, Math.floor((out.length * maxBytes) / bytes)));
    if (/[\ud800-\udbff]/.test(out.charAt(cut - 1))) cut--;
    out = out.slice(0, cut);
  }
  return out;
}
