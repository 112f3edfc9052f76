// Logs connection errors of a process's Redis clients, once per source and message every 10 s while they last.

const REPEAT_MS = 10_000;

/** Error handlers for Redis clients (Redis restarting, say), and a switch that quiets the noise of shutting down. */
export function connectionErrors(log: (msg: string) => void) {
  const lastLogged = new Map<string, number>();
  let shuttingDown = false;
  return {
    /** The handler for one source's `error` events. */
    of: (source: string) => (err: Error) => {
      // Connections this process is closing complain about commands still on their way: not worth a line.
      if (shuttingDown && /EPIPE|ECONNRESET|Connection is closed/.test(err.message)) return;
      const key = `${source}: ${err.message}`;
      if (Date.now() - (lastLogged.get(key) ?? 0) < REPEAT_MS) return;
      lastLogged.set(key, Date.now());
      log(key);
    },
    /** From now on the process is closing its connections. */
    shuttingDown: () => {
      shuttingDown = true;
    },
  };
}
