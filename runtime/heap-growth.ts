// V8's heap growth in the process that runs the cluster writer: by steps over what is live, with no cap.
import v8 from 'node:v8';

/** How far the old generation grows over what is live. @defaultValue 30 */
const OLD_GROWTH_PERCENT = 30;

/**
 * Has V8 grow the old generation by 30 % over what the last collection left live (`--heap-growing-percent`),
 * in the process that runs the cluster writer: that process keeps a working set of recent clusters, and V8's
 * default growth lets its heap run to several times what is live. It sets no limit (a larger store just has a
 * larger heap, never an out-of-memory error). The young generation is left as it is: `--optimize-for-size`,
 * which also shrinks it, sent the short-lived allocations of placing and of the ingest work (in a process with
 * both) through three to four times as many collections, about a fifth more CPU in the writer and pauses of
 * up to 100 ms that a dashboard in the same process felt (docs/operations.md).
 */
export function growOldHeapByLive(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${OLD_GROWTH_PERCENT}`);
}
