// Serves the web app on a host and port, and stops it.
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

/** Serves the app on host:port; resolves once listening, with a function that stops it. */
export async function listen(app: Hono, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  let server: ServerType | undefined;
  const address = await new Promise<{ port: number }>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: host, port }, (info) => resolve(info));
    server.once('error', reject);
  });
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        // Live-update streams never end by themselves.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
