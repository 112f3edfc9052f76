// Tests that inputs arriving close together share an IngestItem, while a lone arrival is never held.
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createArrivalBatches } from '../../queue/arrival-batches.js';
import type { InputJob } from '../../queue/job-chain.js';
import { INPUTS_PER_JOB, type IngestItem } from '../../queue/queues.js';

const item = (n: number): IngestItem => ({
  kind: 'page',
  source: `in-${n}.txt`,
  idBase: `in-${n}`,
  content: `text ${n}`,
});

/** A send that puts everything it is given in one job named after its first input, as enqueueInputs would. */
function recordingSend() {
  const sends: string[][] = [];
  const send = async (items: IngestItem[]): Promise<InputJob[]> => {
    sends.push(items.map((i) => i.source));
    const job = { id: `job-${items[0]!.source}` } as Job;
    return items.map((i, index) => ({ item: i, job, index }));
  };
  return { sends, send };
}

describe('arrival batches', () => {
  it('enqueues an arrival after a quiet spell at once, alone', async () => {
    const { sends, send } = recordingSend();
    let clock = 0;
    const arrive = createArrivalBatches(send, { holdMs: 10_000, now: () => clock });
    const first = await arrive([item(1)]);
    clock = 20_000;
    const second = await arrive([item(2)]);
    expect(sends).toEqual([['in-1.txt'], ['in-2.txt']]);
    expect([first[0]!.index, second[0]!.index]).toEqual([0, 0]);
  });

  it('sends arrivals close behind another together, each caller getting its own inputs and places', async () => {
    const { sends, send } = recordingSend();
    const clock = 0;
    const arrive = createArrivalBatches(send, { holdMs: 20, now: () => clock });
    const lone = await arrive([item(1)]);
    const [a, b] = await Promise.all([arrive([item(2)]), arrive([item(3), item(4)])]);
    expect(sends).toEqual([['in-1.txt'], ['in-2.txt', 'in-3.txt', 'in-4.txt']]);
    expect(lone.map((j) => j.job.id)).toEqual(['job-in-1.txt']);
    expect(a!.map((j) => [j.item.source, j.job.id, j.index])).toEqual([['in-2.txt', 'job-in-2.txt', 0]]);
    expect(b!.map((j) => [j.item.source, j.job.id, j.index])).toEqual([
      ['in-3.txt', 'job-in-2.txt', 1],
      ['in-4.txt', 'job-in-2.txt', 2],
    ]);
  });

  it('holds an arrival close behind another for the hold, then sends it', async () => {
    const { sends, send } = recordingSend();
    const arrive = createArrivalBatches(send, { holdMs: 30 });
    await arrive([item(1)]);
    const t0 = performance.now();
    await arrive([item(2)]);
    const waited = performance.now() - t0;
    expect(sends).toEqual([['in-1.txt'], ['in-2.txt']]);
    expect(waited).toBeGreaterThanOrEqual(25);
  });

  it('sends as soon as a job’s worth of inputs waits, and a full hand-over as it came', async () => {
    const { sends, send } = recordingSend();
    const arrive = createArrivalBatches(send, { holdMs: 60_000, now: () => 0 });
    await arrive([item(0)]);
    const many = Array.from({ length: INPUTS_PER_JOB }, (_, i) => item(100 + i));
    // Alone and whole, a full hand-over is not held, even while arrivals are close together.
    expect((await arrive(many)).length).toBe(INPUTS_PER_JOB);
    const singles = await Promise.all(Array.from({ length: INPUTS_PER_JOB }, (_, i) => arrive([item(i + 1)])));
    expect(singles.flat().map((j) => j.index)).toEqual([...Array(INPUTS_PER_JOB).keys()]);
    expect(sends.map((s) => s.length)).toEqual([1, INPUTS_PER_JOB, INPUTS_PER_JOB]);
  });

  it('fails every arrival of a send that rejects or throws, and goes on with the next', async () => {
    for (const fail of ['reject', 'throw'] as const) {
      let calls = 0;
      const send = (items: IngestItem[]): Promise<InputJob[]> => {
        if (++calls === 2) {
          if (fail === 'throw') throw new Error('Redis went away');
          return Promise.reject(new Error('Redis went away'));
        }
        return recordingSend().send(items);
      };
      const arrive = createArrivalBatches(send, { holdMs: 20, now: () => 0 });
      await arrive([item(1)]);
      const results = await Promise.allSettled([arrive([item(2)]), arrive([item(3)])]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason.message).toBe('Redis went away');
      expect((await arrive([item(4)])).map((j) => j.item.source)).toEqual(['in-4.txt']);
    }
  });
});
