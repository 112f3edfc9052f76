// V8's heap growth in the process that runs the cluster writer: by steps over what is live, with no cap.
import v8 from 'node:v8';

/**
 * Has V8 grow the heap by small steps over what the last collection left live (`--optimize-for-size`), in
 * the process that runs the cluster writer: that process allocates fast and keeps a working set of recent
 * clusters, and V8's default growth lets its heap run to several times what is live. It sets no limit (a
 * larger store just has a larger heap, never an out-of-memory error); it costs more frequent collections,
 * about a tenth more CPU in the writer (docs/operations.md). A process that also serves the dashboard and
 * API has `growOldHeapByLive` instead.
 */
export function growHeapByLive(): void {
  v8.setFlagsFromString('--optimize-for-size');
}

/** How far the old generation grows over what is live where `growOldHeapByLive` is used. @defaultValue 30 */
const OLD_GROWTH_PERCENT = 30;

/**
 * Has V8 grow the old generation by 30 % over what the last collection left live (`--heap-growing-percent`)
 * and leaves the young generation as it is, in a process where the cluster writer shares the event loop with
 * the ingest work, the dashboard and the API (`storywatch start` with `queue.workerProcesses: false`).
 * `--optimize-for-size` also shrinks the young generation: there the ingest work's short-lived allocations
 * then go through three to four times as many collections, a quarter more CPU and pauses of up to 100 ms that the
 * dashboard feels. This keeps most of its saving (docs/operations.md).
 */
export function growOldHeapByLive(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${OLD_GROWTH_PERCENT}`);
}
