import { ConfigSchema } from './schema.js';
import { describe, type JsonSchema } from './check.js';
import * as z from 'zod/mini';

/** Drops what the widget can derive (descriptions it would write itself) to save bytes. */
function trim(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(trim);
  if (typeof node !== 'object' || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, trim(v)])) as JsonSchema;
  if (out.description && out.description === describe({ ...out, description: undefined })) delete out.description;
  return out;
}

/** ConfigSchema as the JSON Schema the widget checks at start (see scripts/generate-config-schema.ts). */
export function compileConfigSchema(): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(ConfigSchema) as Record<string, unknown>;
  return trim(schema) as JsonSchema;
}
