/**
 * Text as it is sent, and as the receiver keeps it whoever sent it: trimmed, with line breaks
 * as "\n", and without control characters (C0 and C1, other than the line break) or the
 * bidirectional controls and marks that can make an inquiry read differently in the clinic's
 * inbox than it was typed (a phone number shown with its last digits reversed). A lone
 * surrogate (half an emoji, cut by a maxlength) becomes U+FFFD, so every body is well-formed UTF-8.
 */
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNWANTED, '').replace(LONE_SURROGATE, '\ufffd').trim();
}
