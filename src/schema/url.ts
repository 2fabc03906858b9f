/** Schemes a link from configuration may use; anything else (javascript:, data:) is refused. */
export const LINK_PROTOCOLS = ['https:', 'http:', 'tel:', 'sms:', 'mailto:'] as const;
export const HTTP_PROTOCOLS = ['https:', 'http:'] as const;

/**
 * An absolute URL with an allowed scheme, or a root-relative path ("/api/inquiry").
 * A bare word such as "foo" is refused: it is almost always a typo, not a relative link.
 */
export function hasProtocol(value: string, allowed: readonly string[]): boolean {
  if (!/^(?:[a-z][a-z\d+.-]*:|\/)/i.test(value.trim())) return false;
  try {
    return allowed.includes(new URL(value.trim(), globalThis.location?.href ?? 'http://localhost/').protocol);
  } catch {
    return false;
  }
}
