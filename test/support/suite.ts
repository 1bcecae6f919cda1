import { after, before } from 'node:test';

/**
 * Registers hooks in the enclosing `describe`: `create` runs before its tests and the fixture is
 * disposed after them. The object returned is filled in by that `before` hook (and the suite's
 * own `before` hooks, registered after this call, already see it), so read it only in hooks and
 * tests, never while the suite is being declared.
 */
export function perSuite<T extends { dispose(): Promise<void> }>(create: () => Promise<T>): T {
  const fixture = {} as T;
  before(async () => {
    Object.assign(fixture, await create());
  });
  // If `create` failed there is nothing to dispose, and its own error is the one to see.
  after(() => fixture.dispose?.());
  return fixture;
}
