/**
 * The one allow-list for URLs: every configuration link, the endpoint, the policy URL and the
 * links inside a policy. An absolute URL with https:, http:, tel:, sms: or mailto:, or a path
 * that starts with exactly one "/" and has no backslash. Browsers read "\" as "/" in http(s)
 * URLs and drop tabs and newlines, so "/\evil.example", "/\/evil.example" and "/<tab>/evil"
 * all resolve to another host; refusing backslashes and whitespace in a path, and a second
 * leading slash, means a path always stays on the page's own host (other control characters
 * are percent-encoded by the URL parser, so they stay in the path).
 * A bare word such as "foo" is refused (almost always a typo), as are javascript: and data:.
 * No zod here, so the sanitizer can use it without pulling the schema into its chunk.
 */
export const HTTP_URL = /^(?:https?:\/\/[^\s/?#\\]\S*|\/(?![/\\])[^\s\\]*)$/i;
export const LINK_URL = /^(?:https?:\/\/[^\s/?#\\]\S*|(?:tel|sms|mailto):\S+|\/(?![/\\])[^\s\\]*)$/i;
