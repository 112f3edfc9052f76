import type { Runtime } from '../../workers/runtime.js';

/** Empties a test runtime's queues (its own prefix on the shared Redis) and closes it. */
export async function shutDown(runtime: Runtime | undefined): Promise<void> {
  if (!runtime) return;
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
}
