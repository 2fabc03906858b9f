/**
 * Objects without a prototype: a setting left out is undefined, never one that a script's
 * Object.prototype pollution (`__proto__` merged from page data) supplies unchecked, such as a
 * `javascript:` kakaoUrl.
 */
export const bare = (entries: Iterable<readonly [PropertyKey, unknown]>): Record<string, unknown> => Object.setPrototypeOf(Object.fromEntries(entries), null);
