// Runs the CPU-bound roles of the daemon as child processes and restarts them when they die.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from './runtime.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/storywatch.js');

/** Messages between `storywatch start` and the role processes it runs (over the IPC channel). */
export type RoleMessage =
  | { type: 'ready'; role: string; mode?: string }
  | { type: 'metrics'; id: number }
  | { type: 'metrics-reply'; id: number; metrics: object[] };

export interface RoleProcessOptions {
  roles: Role[];
  /** Arguments before the command (`-c file`), so each process reads the same config. */
  globalArgs: string[];
  log(msg: string): void;
  /** First wait before a process that died is started again; doubles up to 30 s. @defaultValue 1000 */
  restartDelayMs?: number;
  /** Where the processes' output (their JSON logs) goes: a file descriptor. @defaultValue the daemon's own */
  output?: number;
  /** How long a process gets to drain on stop before it is killed (SIGKILL). @defaultValue 15000 */
  stopTimeoutMs?: number;
}

interface Running {
  role: Role;
  child: ChildProcess;
  ready: Promise<RoleMessage & { type: 'ready' }>;
  up: boolean;
}

/**
 * The roles whose work is CPU-bound (ingest: language ID and the representation; cluster: assignment and
 * the store) run as `storywatch worker --role R` child processes of the daemon, so the dashboard, API and
 * feed polling keep their event loop to themselves. A process that dies is started again (its jobs are
 * taken over by the queue's stalled-job check); stopping sends SIGTERM and waits until each has drained.
 * Each process leaves when the daemon does (its IPC channel closes), so none is orphaned.
 */
export class RoleProcesses {
  private readonly running = new Map<Role, Running>();
  private stopping = false;
  private nextRequest = 0;
  private readonly delays = new Map<Role, number>();

  constructor(private readonly options: RoleProcessOptions) {}

  /** Starts every role; resolves with what each reported once ready (the representation mode, say). */
  async start(): Promise<Array<RoleMessage & { type: 'ready' }>> {
    return Promise.all(this.options.roles.map((role) => this.spawn(role).ready));
  }

  private spawn(role: Role): Running {
    // A process group of its own: Ctrl-C reaches the daemon only, which then stops each process once.
    const child = fork(BIN, [...this.options.globalArgs, 'worker', '--role', role], {
      detached: true,
      stdio: ['ignore', this.options.output ?? 'inherit', this.options.output ?? 'inherit', 'ipc'],
    });
    const ready = new Promise<RoleMessage & { type: 'ready' }>((resolve, reject) => {
      const onMessage = (msg: RoleMessage) => {
        if (msg.type !== 'ready') return;
        child.off('message', onMessage);
        child.off('exit', onEarlyExit);
        resolve(msg);
      };
      const onEarlyExit = (code: number | null) =>
        reject(new Error(`the ${role} worker process exited (code ${code}) before it was ready; its log is above`));
      child.on('message', onMessage);
      child.once('exit', onEarlyExit);
    });
    const entry: Running = { role, child, ready, up: false };
    this.running.set(role, entry);
    ready.then(
      () => {
        entry.up = true;
        this.delays.delete(role);
      },
      () => {},
    );
    child.once('exit', (code, signal) => {
      if (this.stopping || this.running.get(role) !== entry) return;
      const delay = this.delays.get(role) ?? this.options.restartDelayMs ?? 1000;
      this.delays.set(role, Math.min(30_000, delay * 2));
      this.options.log(
        `the ${role} worker process (pid ${child.pid}) ended (${signal ?? `code ${code}`}); starting it again in ${delay} ms`,
      );
      setTimeout(() => {
        if (this.stopping) return;
        this.spawn(role).ready.catch((err: Error) => this.options.log(err.message));
      }, delay).unref();
    });
    return entry;
  }

  /** Whether each role has a process that said it is ready and still runs (for /healthz). */
  status(): Record<string, 'up' | 'down'> {
    return Object.fromEntries(
      this.options.roles.map((role) => {
        const r = this.running.get(role);
        return [role, r && r.up && r.child.exitCode === null && r.child.signalCode === null ? 'up' : 'down'];
      }),
    );
  }

  /** Process ids by role (for logs and tests). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.running].map(([role, r]) => [role, r.child.pid]));
  }

  /** Each process's pipeline metrics (stage times, jobs), for the daemon's /metrics to add up. */
  async metrics(timeoutMs = 2000): Promise<object[][]> {
    const replies = [...this.running.values()]
      .filter((r) => r.child.connected)
      .map(({ child }) => {
        const id = ++this.nextRequest;
        return new Promise<object[]>((resolve) => {
          const timer = setTimeout(() => done([]), timeoutMs);
          const onMessage = (msg: RoleMessage) => msg.type === 'metrics-reply' && msg.id === id && done(msg.metrics);
          const done = (m: object[]) => {
            clearTimeout(timer);
            child.off('message', onMessage);
            resolve(m);
          };
          child.on('message', onMessage);
          child.send({ type: 'metrics', id } satisfies RoleMessage, (err) => err && done([]));
        });
      });
    return Promise.all(replies);
  }

  /**
   * SIGTERM to every process; resolves when all have exited (SIGKILL after the stop timeout), to whether each
   * finished its active jobs and left cleanly.
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    const timeoutMs = this.options.stopTimeoutMs ?? 15_000;
    const clean = await Promise.all(
      [...this.running.values()].map(({ role, child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return true;
        const exited = new Promise<boolean>((resolve) => child.once('exit', (code) => resolve(code === 0)));
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          this.options.log(`the ${role} worker process (pid ${child.pid}) did not stop within ${timeoutMs} ms: killed`);
          child.kill('SIGKILL');
        }, timeoutMs);
        return exited.finally(() => clearTimeout(timer));
      }),
    );
    this.running.clear();
    return clean.every(Boolean);
  }
}
