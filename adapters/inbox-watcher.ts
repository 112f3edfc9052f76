// Watches the inbox folder by polling and hands each file on once it has stopped changing.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { INPUTS_PER_JOB, type IngestItem } from '../queue/queues.js';

/**
 * Inputs a file gives are enqueued this many at a time (full IngestItems of `INPUTS_PER_JOB` each), so a
 * feed or list of any length is never held whole.
 */
const ENQUEUE_BATCH = 32 * INPUTS_PER_JOB;

export interface InboxDeps {
  /** The inputs of one file, as they are read: items, and errors naming the input. */
  read(file: string): AsyncIterable<{ item: IngestItem } | { error: { source: string; message: string } }>;
  enqueue(items: IngestItem[]): Promise<void>;
  log(msg: string): void;
  /** @defaultValue 1000 */
  intervalMs?: number;
}

/**
 * Watches a folder by polling (works on every file system, network mounts included). A file is taken
 * once its size and mtime held still for one interval, so half-written files are not read. After it is
 * enqueued it moves to `processed/`; a file that cannot be read moves to `failed/` next to a `.error.txt`.
 */
export class InboxWatcher {
  private timer: NodeJS.Timeout | undefined;
  private seen = new Map<string, string>();
  private scanning: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly deps: InboxDeps,
  ) {}

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    await this.scan();
    this.timer = setInterval(() => {
      this.scanning = this.scanning
        .then(() => this.scan())
        .catch((err: Error) => this.deps.log(`inbox ${this.dir}: ${err.message}`));
    }, this.deps.intervalMs ?? 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.scanning;
  }

  private async scan(): Promise<void> {
    for (const name of readdirSync(this.dir).sort()) {
      if (name.startsWith('.')) continue;
      const file = path.join(this.dir, name);
      const st = statSync(file, { throwIfNoEntry: false });
      if (!st?.isFile()) continue;
      const signature = `${st.size}:${st.mtimeMs}`;
      if (this.seen.get(file) !== signature) {
        this.seen.set(file, signature);
        continue;
      }
      this.seen.delete(file);
      await this.take(file);
    }
  }

  private async take(file: string): Promise<void> {
    const errors: Array<{ source: string; message: string }> = [];
    const batch: IngestItem[] = [];
    let enqueued = 0;
    for await (const event of this.deps.read(file)) {
      if ('error' in event) {
        errors.push(event.error);
        this.deps.log(`inbox: ${event.error.source}: ${event.error.message}`);
        continue;
      }
      batch.push(event.item);
      if (batch.length < ENQUEUE_BATCH) continue;
      enqueued += batch.length;
      await this.deps.enqueue(batch.splice(0));
    }
    if (batch.length) {
      enqueued += batch.length;
      await this.deps.enqueue(batch);
    }
    const failedWhole = enqueued === 0 && errors.length > 0;
    const target = moveTo(file, failedWhole ? 'failed' : 'processed');
    if (failedWhole)
      writeFileSync(`${target}.error.txt`, `${errors.map((e) => `${e.source}: ${e.message}`).join('\n')}\n`);
    const errorCount = errors.length ? `, ${errors.length} error(s)` : '';
    this.deps.log(`inbox: ${path.basename(file)}: ${enqueued} input(s) enqueued${errorCount}`);
  }
}

function moveTo(file: string, folder: string): string {
  const dir = path.join(path.dirname(file), folder);
  mkdirSync(dir, { recursive: true });
  let target = path.join(dir, path.basename(file));
  if (existsSync(target)) target = path.join(dir, `${Date.now()}-${path.basename(file)}`);
  renameSync(file, target);
  return target;
}
