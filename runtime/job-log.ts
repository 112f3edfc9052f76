// One structured log line and one metrics record per finished, failed or stalled job of a process's workers.
import type { Worker } from 'bullmq';
import type { Logger } from './logger.js';
import { recordJob } from './stage-metrics.js';

/** What one input or article of a finished job came to, as its result says. */
type PartResult = {
  status?: string;
  source?: string;
  articleId?: string;
  articles?: Array<{ id: string }>;
  clusterId?: string;
  reason?: string;
  error?: string;
};
type JobResult = PartResult & { inputs?: PartResult[]; articles?: PartResult[] };

/**
 * Logs every job outcome of `workers` (a failure that will be retried as a warning) and records it in the
 * metrics. A job that carries several inputs or articles logs one line for each (a failed one as an error).
 */
export function logJobs(workers: Worker[], logger: Logger): void {
  for (const w of workers) {
    w.on('completed', (job, result: JobResult) => {
      recordJob(job, result?.status === 'skipped' ? 'skipped' : 'done');
      const ms = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined;
      const parts: PartResult[] = result?.inputs ?? (result?.articles as PartResult[] | undefined) ?? [result ?? {}];
      for (const part of parts) {
        const status = part.status ?? 'done';
        const line = {
          queue: job.queueName,
          jobId: job.id,
          source: part.source ?? (job.data as { source?: string }).source,
          articleId: part.articleId,
          articleIds: part.articles?.map((a) => a.id),
          clusterId: part.clusterId,
          outcome: status,
          reason: part.reason,
          err: part.error,
          ms,
          attempt: job.attemptsMade,
        };
        if (status === 'failed') logger.error({ ...line, final: true }, `${job.queueName} failed`);
        else logger.info(line, `${job.queueName} ${status}`);
      }
    });
    w.on('failed', (job, err) => {
      if (!job) return;
      recordJob(job, 'failed');
      const final =
        job.finishedOn !== undefined &&
        (err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1));
      logger[final ? 'error' : 'warn'](
        {
          queue: job.queueName,
          jobId: job.id,
          source: (job.data as { source?: string }).source,
          articleId: (job.data as { id?: string }).id,
          attempt: job.attemptsMade,
          final,
          err: err.message,
        },
        `${job.queueName} ${final ? 'failed' : 'will retry'}`,
      );
    });
    w.on('stalled', (jobId) =>
      logger.warn({ queue: w.name, jobId }, `${w.name} job stalled: its worker died or hung; another takes it over`),
    );
  }
}
