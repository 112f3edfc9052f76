// Shuts each test's runtime down and closes its servers after every test.
import { afterEach } from 'vitest';
import type { Runtime } from '../../runtime/runtime.js';

/** Empties a test runtime's queues (its own prefix on the shared Redis) and closes it. */
export async function shutDown(runtime: Runtime | undefined): Promise<void> {
  if (!runtime) return;
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
}

/** What a test leaves to be cleaned up: the runtime it started, servers and the like to close. */
export interface TestScope {
  runtime: Runtime | undefined;
  closers: Array<() => Promise<void>>;
}

/** A scope that, after each test, shuts its runtime down and runs its closers. */
export function cleanUpAfterEach(): TestScope {
  const scope: TestScope = { runtime: undefined, closers: [] };
  afterEach(async () => {
    await shutDown(scope.runtime);
    scope.runtime = undefined;
    for (const c of scope.closers.splice(0)) await c();
  });
  return scope;
}
