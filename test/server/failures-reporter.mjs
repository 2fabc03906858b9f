// A node:test reporter for `npm test` (scripts/test.ts): prints each failure with its suite, file
// and error, and whatever a test wrote to stdout or stderr; nothing for passing tests, and no
// totals (the run ends with one line for both runners).
import { inspect } from 'node:util';
import { relative } from 'node:path';

export default async function* failuresReporter(source) {
  const names = [];
  for await (const event of source) {
    const { data } = event;
    if (event.type === 'test:start') names[data.nesting] = data.name;
    else if (event.type === 'test:stdout' || event.type === 'test:stderr') yield data.message;
    else if (event.type === 'test:fail') {
      const error = data.details?.error;
      // A suite fails when its tests do, which are reported already; print it only for its own error (a hook).
      if (data.details?.type === 'suite' && error?.failureType === 'subtestsFailed') continue;
      const title = [...names.slice(0, data.nesting), data.name].join(' › ');
      const where = data.file ? ` (${relative(process.cwd(), data.file)})` : '';
      // The stack's frames in the project's own files; node's internals say nothing here.
      const detail = inspect(error?.cause ?? error, { colors: false, depth: 4 })
        .split('\n')
        .map((line) => (/^\s+at /.test(line) && (!line.includes(process.cwd()) || line.includes('/node_modules/')) ? (line.endsWith(' {') ? '{' : undefined) : line))
        .filter((line) => line !== undefined)
        .map((line) => `    ${line}`)
        .join('\n');
      yield `\n✖ ${title}${where}\n${detail}\n`;
    }
  }
}
