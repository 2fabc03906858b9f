/**
 * Builds the script-tag embed (see vite.config.ts): the chunks first, then the classic script,
 * which is told the chunks' hashed file names.
 */
import { build, type Rollup } from 'vite';
import { CHUNK_ENTRIES, chunksConfig, scriptConfig } from '../vite.config.js';

const outputs = (await build(chunksConfig)) as Rollup.RollupOutput | Rollup.RollupOutput[];
const files = Object.fromEntries(
  [outputs]
    .flat()
    .flatMap((o) => o.output)
    .filter((c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry)
    .map((c) => [c.name, c.fileName]),
) as Record<keyof typeof CHUNK_ENTRIES, string>;
for (const name of Object.keys(CHUNK_ENTRIES)) if (!files[name as keyof typeof CHUNK_ENTRIES]) throw new Error(`no chunk for ${name}`);
await build(scriptConfig(files));
console.log('built dist/consult-widget.js and', Object.values(files).join(', '));
