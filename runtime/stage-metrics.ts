// Prometheus metrics of the pipeline: time per stage, and outcome and latency of every job.
import type { Job } from 'bullmq';
import { Counter, Histogram, Registry } from 'prom-client';

/** This process's pipeline metrics (every role records into it; /metrics and `worker --metrics-port` serve it). */
export const pipelineRegistry = new Registry();

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const stageSeconds = new Histogram({
  name: 'storywatch_stage_seconds',
  help: 'Time spent in each pipeline stage (extract, prepare, assign, store, deliver), per item.',
  labelNames: ['stage'],
  buckets: BUCKETS,
  registers: [pipelineRegistry],
});

const jobSeconds = new Histogram({
  name: 'storywatch_job_seconds',
  help: 'Processing time of finished jobs, per queue.',
  labelNames: ['queue'],
  buckets: BUCKETS,
  registers: [pipelineRegistry],
});

const latencySeconds = new Histogram({
  name: 'storywatch_job_latency_seconds',
  help: 'Time from enqueue to finished, per queue (waiting included).',
  labelNames: ['queue'],
  buckets: [...BUCKETS, 60, 300],
  registers: [pipelineRegistry],
});

const jobsTotal = new Counter({
  name: 'storywatch_jobs_total',
  help: 'Finished job attempts per queue and outcome (done, skipped, failed).',
  labelNames: ['queue', 'outcome'],
  registers: [pipelineRegistry],
});

export type Stage = 'extract' | 'prepare' | 'assign' | 'store' | 'deliver';

/**
 * Times one stage of one item, or of `items` done together (each counted with its share of the time, so the
 * figures stay per item): `const done = timeStage('prepare', n); …; done()`.
 */
export function timeStage(stage: Stage, items = 1): () => void {
  const started = performance.now();
  return () => {
    const share = (performance.now() - started) / 1000 / Math.max(1, items);
    for (let i = 0; i < items; i++) stageSeconds.observe({ stage }, share);
  };
}

/** Records a finished (or failed) job attempt: its outcome, processing time and latency from enqueue. */
export function recordJob(job: Job, outcome: 'done' | 'skipped' | 'failed'): void {
  jobsTotal.inc({ queue: job.queueName, outcome });
  if (job.processedOn && job.finishedOn)
    jobSeconds.observe({ queue: job.queueName }, (job.finishedOn - job.processedOn) / 1000);
  if (job.finishedOn) latencySeconds.observe({ queue: job.queueName }, (job.finishedOn - job.timestamp) / 1000);
}
