/**
 * Whether dist/ was built after the last change to what it is built from. Every test that loads
 * the built script or the npm entry checks this first (the browser tests through
 * /test/dist-fresh and the test server, the receiver's tests through assertFreshDist), so a
 * stale build fails with what to do rather than silently testing old code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files `npm run build` writes last in each of its steps. */
const BUILT = ['dist/consult-widget.js', 'dist/lib/index.js'];
/** What the build reads besides src/: its configuration and the script that runs it. */
const BUILD_CONFIG = ['vite.config.ts', 'scripts/build-widget.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newest(root: string, dir: string): { file: string; mtime: number } {
  let found = { file: dir, mtime: 0 };
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newest(root, path) : { file: path, mtime: statSync(join(root, path)).mtimeMs };
    if (candidate.mtime > found.mtime) found = candidate;
  }
  return found;
}

export function distFreshness(root = '.'): { fresh: boolean; reason?: string } {
  const missing = BUILT.find((f) => !existsSync(join(root, f)));
  if (missing) return { fresh: false, reason: `${missing} is missing: run \`npm run build\`` };
  const chunks = existsSync(join(root, 'dist/chunks')) ? readdirSync(join(root, 'dist/chunks')).map((f) => `dist/chunks/${f}`) : [];
  const built = Math.min(...[...BUILT, ...chunks].map((f) => statSync(join(root, f)).mtimeMs));
  const sources = [
    newest(root, 'src'),
    ...BUILD_CONFIG.filter((f) => existsSync(join(root, f))).map((f) => ({ file: f, mtime: statSync(join(root, f)).mtimeMs })),
  ];
  const changed = sources.find((s) => s.mtime > built);
  return changed ? { fresh: false, reason: `dist/ is older than ${changed.file}: run \`npm run build\`` } : { fresh: true };
}

/** For the receiver's tests (node:test) that serve dist/ to a browser. */
export function assertFreshDist(): void {
  const { fresh, reason } = distFreshness();
  if (!fresh) throw new Error(reason);
}
