/**
 * For tests of dist/ (the built script, the npm entry): fails, saying what to do, when it is
 * older than its sources (test/dist-fresh.ts). The test server also answers a stale built
 * script with one that throws this, so a test that forgets the check cannot pass on old code.
 */
export async function expectFreshDist(): Promise<void> {
  const { fresh, reason } = (await (await fetch('/test/dist-fresh')).json()) as { fresh: boolean; reason?: string };
  if (!fresh) throw new Error(reason);
}
