// One structured log line and one metrics record per finished, failed or stalled job of a process's workers.
import type { Worker } from 'bullmq';
import type { Logger } from './logger.js';
import { recordJob } from './stage-metrics.js';

type JobResult = { status?: string; articleId?: string; articleIds?: string[]; clusterId?: string; reason?: string };

/** Logs every job outcome of `workers` (a failure that will be retried as a warning) and records it in the metrics. */
export function logJobs(workers: Worker[], logger: Logger): void {
  for (const w of workers) {
    w.on('completed', (job, result: JobResult) => {
      recordJob(job, result?.status === 'skipped' ? 'skipped' : 'done');
      logger.info(
        {
          queue: job.queueName,
          jobId: job.id,
          source: (job.data as { source?: string }).source,
          articleId: result?.articleId,
          articleIds: result?.articleIds,
          clusterId: result?.clusterId,
          outcome: result?.status,
          reason: result?.reason,
          ms: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined,
          attempt: job.attemptsMade,
        },
        `${job.queueName} ${result?.status ?? 'done'}`,
      );
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
