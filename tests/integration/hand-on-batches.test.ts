// Tests IngestItems held at once by one ingest worker: their articles reach the real Redis in one ClusterItem.
import { UnrecoverableError, type Job } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadLanguageDetector } from '../../adapters/language-identifier.js';
import { loadRepresentation } from '../../adapters/representation.js';
import { nextSteps } from '../../queue/job-chain.js';
import { readClusterJob, type IngestItem, type IngestResult } from '../../queue/queues.js';
import { openStageQueues, type StageQueues } from '../../queue/stage-queues.js';
import { createIngestProcessor } from '../../workers/ingest-item.worker.js';
import { TEST_REDIS_URL, testConfig } from '../helpers/test-config.js';

const url = new URL(TEST_REDIS_URL);
const connection = { host: url.hostname, port: Number(url.port || 6379) };
const { config } = testConfig();
const representation = await loadRepresentation(config, () => {});
const language = await loadLanguageDetector(config);
const opened: StageQueues[] = [];
afterAll(() => representation.close());
afterEach(async () => {
  for (const queues of opened.splice(0)) {
    for (const q of Object.values(queues)) {
      await q.obliterate({ force: true });
      await q.close();
    }
  }
});

const record = (i: number): IngestItem => ({
  kind: 'record',
  source: `steady.jsonl:${i}`,
  idBase: `steady-${i}`,
  content: JSON.stringify({
    title: `Pakistan Steel Mills report ${i}`,
    text: `Report ${i}: Russian engineers visited Pakistan Steel Mills in Karachi to plan its revival, officials said. `.repeat(
      3,
    ),
  }),
});
// The processor reads only the job's data; a worker holding several jobs calls it for each at once.
const job = (items: IngestItem[]) => ({ data: { items } }) as unknown as Job;

async function setUp() {
  // A fresh queue prefix for each test.
  const queues = await openStageQueues(connection, testConfig().config.queuePrefix!);
  opened.push(queues);
  const processor = createIngestProcessor({
    ...representation,
    language,
    next: nextSteps(queues, config.alerts).ingest,
  });
  return { queues, processor };
}

const articlesOf = (r: IngestResult) =>
  r.status === 'done' ? r.inputs.flatMap((i) => (i.status === 'done' ? i.articles : [])) : [];

describe('IngestItems held at once', () => {
  it('hand their articles to the writer in one ClusterItem, each job answering for its own', async () => {
    const { queues, processor } = await setUp();
    const results = await Promise.all([0, 1, 2].map((i) => processor(job([record(i)]))));
    const sent = results.map(articlesOf);
    expect(sent.map((s) => s.map((a) => a.id))).toEqual([['steady-0'], ['steady-1'], ['steady-2']]);
    const clusterJobIds = new Set(sent.flat().map((a) => a.clusterJobId));
    expect(clusterJobIds.size).toBe(1);
    expect(await queues.cluster.count()).toBe(1);
    // The ClusterItem carries each article at the place its job's result names.
    const [clusterJob] = await queues.cluster.getJobs(['waiting']);
    const carried = readClusterJob(clusterJob!.data).map((e) => ('value' in e ? e.value.id : e.error));
    for (const a of sent.flat()) expect(carried[a.at]).toBe(a.id);
    expect([...carried].sort()).toEqual(['steady-0', 'steady-1', 'steady-2']);
  });

  it('hands a lone job on by itself, and a bad input fails alone without holding the others back', async () => {
    const { queues, processor } = await setUp();
    expect(articlesOf(await processor(job([record(7)])))).toMatchObject([{ id: 'steady-7', at: 0 }]);
    expect(await queues.cluster.count()).toBe(1);
    const bad: IngestItem = { kind: 'record', source: 'broken.jsonl:1', idBase: 'broken-1', content: '{"title": 1' };
    const [failed, good] = await Promise.allSettled([processor(job([bad])), processor(job([record(8)]))]);
    expect(failed.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(UnrecoverableError);
    expect((failed as PromiseRejectedResult).reason.message).toContain('broken.jsonl:1');
    expect(articlesOf((good as PromiseFulfilledResult<IngestResult>).value)).toMatchObject([{ id: 'steady-8', at: 0 }]);
    expect(await queues.cluster.count()).toBe(2);
  });
});
