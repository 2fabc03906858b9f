/**
 * The inquiry as an `application/x-www-form-urlencoded` body, for endpoints that want a plain
 * form post (no CORS preflight): dot-separated keys such as `fields.name`, `consent.privacy`,
 * `page.url`. Booleans travel as "true" / "false" and numbers as digits; decoding turns them
 * back only where the payload schema has a boolean or a number, so a patient who types "true"
 * into a text field still sends text (and a ticked checkbox field arrives as the text "true"). Shared by the widget (encode) and the receiver (decode).
 */

/** Paths whose values are booleans or numbers in the payload schema; everything else is text. */
const BOOLEAN_PATHS = new Set(['consent.privacy', 'consent.marketing', 'consent.sensitive', 'consent.age14']);
const NUMBER_PATHS = new Set(['antispam.elapsedMs', 'consent.retentionMonths']);

type Plain = string | number | boolean | undefined | Plain[] | { [key: string]: Plain };

export function toFormBody(payload: object): string {
  const params = new URLSearchParams();
  const walk = (value: Plain, path: string): void => {
    if (value === undefined) return;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else {
      params.append(path, String(value));
    }
  };
  walk(payload as Plain, '');
  return params.toString();
}

/**
 * The nested object a form body describes, to be validated by the payload schema like a JSON
 * body. Objects have no prototype and keys are taken only as they are written, so a key such
 * as `__proto__.x` or `constructor.prototype` builds plain data, never touches Object.prototype.
 * A key given twice, or used both as a value and as an object, makes the body invalid (null).
 */
export function fromFormBody(body: string): Record<string, unknown> | null {
  const root: Record<string, unknown> = Object.create(null);
  for (const [key, raw] of new URLSearchParams(body)) {
    const path = key.split('.');
    if (path.some((part) => part === '')) return null;
    let node = root;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next === undefined) node = node[part] = Object.create(null) as Record<string, unknown>;
      else if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else return null;
    }
    const leaf = path[path.length - 1];
    if (leaf in node) return null;
    node[leaf] = decodeValue(key, raw);
  }
  // An empty object has no keys to write: a form without fields arrives without any "fields.".
  root.fields ??= Object.create(null);
  return root;
}

function decodeValue(key: string, raw: string): unknown {
  if (BOOLEAN_PATHS.has(key)) return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (NUMBER_PATHS.has(key) && /^\d{1,15}$/.test(raw)) return Number(raw);
  return raw;
}
