import { ConfigSchema } from './schema.js';
import { CHECKED_KEYWORDS, describe, type JsonSchema } from './check.js';
import * as z from 'zod/mini';
import { LOCALES } from './constants.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A union of one schema and an object of it per language ({ "ko"?, "en"?, … }, nothing else), if node is one. */
function perLocale(node: JsonSchema): JsonSchema | undefined {
  const [one, byLocale] = node.anyOf ?? [];
  const keys = Object.keys(byLocale?.properties ?? {});
  const fits =
    node.anyOf?.length === 2 &&
    byLocale.type === 'object' &&
    byLocale.additionalProperties === false &&
    !byLocale.required?.length &&
    same(keys, LOCALES) &&
    keys.every((k) => same(byLocale.properties![k], one));
  return fits ? { ...one, perLocale: true, description: node.description } : undefined;
}

/** Drops what the widget can derive (descriptions it would write itself), and writes per-language texts short, to save bytes. */
function trim(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(trim);
  if (typeof node !== 'object' || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, trim(v)])) as JsonSchema;
  const short = perLocale(out);
  if (short) return trim(short);
  if (out.description && out.description === describe({ ...out, description: undefined })) delete out.description;
  return out;
}

/**
 * The check is closed-world: a JSON Schema keyword check.ts does not implement would be
 * silently ignored there, letting through what zod refuses. So compiling fails on one.
 */
export function assertKnownKeywords(node: unknown, path = '#'): void {
  if (Array.isArray(node)) return node.forEach((n, i) => assertKnownKeywords(n, `${path}/${i}`));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (!(CHECKED_KEYWORDS as readonly string[]).includes(key)) {
      throw new Error(`${path}: the configuration checker (src/config/check.ts) does not implement the JSON Schema keyword "${key}"`);
    }
    if (key === 'properties') {
      for (const [name, sub] of Object.entries(value as Record<string, unknown>)) assertKnownKeywords(sub, `${path}/properties/${name}`);
    } else if (key === 'items' || key === 'anyOf') assertKnownKeywords(value, `${path}/${key}`);
  }
}

/** Any zod schema as the JSON Schema check.ts reads; regex flags are kept in "flags". */
export function compileSchema(schema: z.core.$ZodType): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    override: ({ zodSchema, jsonSchema }) => {
      const checks = (zodSchema._zod.def as { checks?: Array<{ _zod: { def: { check?: string; pattern?: RegExp } } }> }).checks ?? [];
      const flags = checks.map((c) => c._zod.def).find((d) => d.check === 'string_format' && d.pattern)?.pattern?.flags;
      if (flags) (jsonSchema as Record<string, unknown>).flags = flags;
    },
  }) as Record<string, unknown>;
  const out = trim(json) as JsonSchema;
  assertKnownKeywords(out);
  return out;
}

/** ConfigSchema as the JSON Schema the widget checks at start (see scripts/generate-config-schema.ts). */
export function compileConfigSchema(): JsonSchema {
  return compileSchema(ConfigSchema);
}
