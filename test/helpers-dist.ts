import { expect } from '@open-wc/testing';

/** For tests of dist/ (the built script, the npm entry): fails when it is older than its sources. */
export async function expectFreshDist(): Promise<void> {
  const { fresh, reason } = (await (await fetch('/test/dist-fresh')).json()) as { fresh: boolean; reason?: string };
  expect(fresh, reason).to.be.true;
}
