// V8's heap growth in the process that runs the cluster writer: by small steps over what is live, with no cap.
import v8 from 'node:v8';

/**
 * Has V8 grow the heap by small steps over what the last collection left live (`--optimize-for-size`), in
 * the process that runs the cluster writer: that process allocates fast and keeps a working set of recent
 * clusters, and V8's default growth lets its heap run to several times what is live. It sets no limit (a
 * larger store just has a larger heap, never an out-of-memory error); it costs more frequent collections,
 * about a tenth more CPU in the writer (docs/operations.md).
 */
export function growHeapByLive(): void {
  v8.setFlagsFromString('--optimize-for-size');
}
