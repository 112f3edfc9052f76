// Tests that big JSON Lines and feed files stream through with a bounded number of inputs in flight.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamInputs, type InputError } from '../../adapters/inputs/read-inputs.js';
import type { IngestItem } from '../../queue/queues.js';
import { ingestWindowed, type ItemOutcome } from '../../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import type { Config } from '../../config/schema.js';
import { seedPages } from '../helpers/seeds.js';
import { shutDown } from '../helpers/runtime-cleanup.js';
import { testConfig } from '../helpers/test-config.js';

let runtime: Runtime | undefined;
afterEach(async () => {
  await shutDown(runtime);
  runtime = undefined;
});

/** Streams one file through the ingest window as `storywatch ingest` does, sampling the most inputs queued at once. */
async function ingestSampled(rt: Runtime, file: string, config: Config) {
  const errors: InputError[] = [];
  async function* items(): AsyncGenerator<IngestItem> {
    for await (const e of streamInputs([file], config.ingest.maxBytes)) {
      if ('error' in e) errors.push(e.error);
      else yield e.item;
    }
  }
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const c = await rt.queues.ingest.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      peak = Math.max(peak, c.waiting! + c.active! + c.delayed! + c.prioritized!);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const outcomes: ItemOutcome[] = [];
  await ingestWindowed(rt, items(), config.ingest.maxInFlight, Date.now(), (o) => outcomes.push(o));
  sampling = false;
  await sampler;
  return { errors, outcomes, peak };
}

describe('backpressure (real Redis)', () => {
  it('streams a JSON Lines file bigger than ingest.maxBytes, keeps at most maxInFlight inputs queued, names bad lines', async () => {
    // 300 articles made of the seed pages' sentences, plus an oversized line and a binary one.
    const sentences = Object.values(seedPages())
      .join('\n')
      .split(/(?<=\.)\s+/)
      .filter((s) => s.length > 40);
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        id: `a${i}`,
        title: `Report ${i}: ${sentences[i % sentences.length]!.slice(0, 80)}`,
        text: Array.from({ length: 6 }, (_, k) => sentences[(i * 7 + k * 13) % sentences.length]).join(' '),
      }),
    );
    lines.splice(100, 0, JSON.stringify({ id: 'huge', title: 'Huge', text: 'x'.repeat(20_000) }));
    lines.splice(200, 0, '{"id":"bin","title":"\u0000\u0001"}');
    const dir = mkdtempSync(path.join(tmpdir(), 'sw-bp-'));
    const file = path.join(dir, 'big.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { config } = testConfig({ ingest: { maxBytes: 16_384, maxInFlight: 10 } });
    expect(statSync(file).size).toBeGreaterThan(config.ingest.maxBytes);
    runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
    const { errors, outcomes, peak } = await ingestSampled(runtime, file, config);

    expect(outcomes).toHaveLength(300);
    expect(outcomes.every((o) => o.status === 'done')).toBe(true);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(10);
    // The window refills a whole step (10 inputs here) at a time: 300 inputs in 30 IngestItems, never one by one.
    expect(await runtime.queues.ingest.getCompletedCount()).toBe(30);
    expect(errors).toEqual([
      { source: `${file}:101`, message: 'line is over the 16384-byte limit (ingest.maxBytes)' },
      { source: `${file}:201`, message: 'binary data, not a JSON line' },
    ]);
    const stored = runtime.store!.articleCount();
    const copies = outcomes.flatMap((o) => o.articles).filter((a) => a.status === 'copy').length;
    expect(stored + copies).toBe(300);
    expect(runtime.store!.copies.count()).toBe(copies);
  }, 120_000);

  it('streams a feed file entry by entry through the same window; every entry stored under its id', async () => {
    const sentences = Object.values(seedPages())
      .join('\n')
      .split(/(?<=\.)\s+/)
      .filter((s) => s.length > 40);
    const n = 2_000;
    const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const entries = Array.from(
      { length: n },
      (_, i) =>
        `<entry><title>Report ${i + 1}: ${xml(sentences[i % sentences.length]!.slice(0, 80))}</title>` +
        `<link href="https://example.org/report/${i + 1}"/><summary>${xml(sentences[(i * 7) % sentences.length]!)}</summary></entry>`,
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-bp-')), 'wire.atom');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>\n${entries.join('\n')}\n</feed>\n`,
    );
    const { config } = testConfig({ ingest: { maxInFlight: 10 } });
    runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
    const { errors, outcomes, peak } = await ingestSampled(runtime, file, config);

    expect(errors).toEqual([]);
    expect(outcomes).toHaveLength(n);
    expect(outcomes.every((o) => o.status === 'done' && o.source === file && o.articles.length === 1)).toBe(true);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(10);
    const store = runtime.store!;
    const ids = [...store.listArticles().map((a) => a.id), ...store.copies.list().map((c) => c.id)].sort();
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => `wire-${i + 1}`).sort());
    expect(new Set(store.listArticles().map((a) => a.source))).toEqual(new Set([file]));
  }, 300_000);
});
