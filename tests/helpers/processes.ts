// Runs the CLI and the daemon as a user would, for end-to-end tests, and finds free ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './seeds.js';

export const BIN = path.join(ROOT, 'bin/storywatch.js');

/** Runs the CLI as a user would, without blocking this process (receivers and servers may live here). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Whether a process with this pid runs. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `storywatch start` with a config file and waits until it says where its API listens. */
export async function startDaemon(configFile: string): Promise<{ daemon: ChildProcess; base: string }> {
  const daemon = spawn(process.execPath, [BIN, '-c', configFile, 'start'], { cwd: ROOT });
  const base = await new Promise<string>((resolve, reject) => {
    let log = '';
    daemon.stderr!.on('data', (c: Buffer) => {
      log += c.toString();
      const url = / API (http:\/\/[\d.]+:\d+)/.exec(log);
      if (url) resolve(url[1]!);
    });
    daemon.on('exit', () => reject(new Error(`daemon exited: ${log}`)));
  });
  return { daemon, base };
}

/** Stops a daemon started by startDaemon (SIGTERM) and waits until it has exited; nothing if it already has. */
export async function stopDaemon(daemon: ChildProcess | undefined): Promise<void> {
  if (!daemon || daemon.exitCode !== null) return;
  const exited = new Promise((r) => daemon.once('exit', r));
  daemon.kill('SIGTERM');
  await exited;
}
