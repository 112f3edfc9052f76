// Worker thread that owns the transformers.js pipelines, so tokenising and ONNX inference never block the
// main event loop. Plain JavaScript: it runs without the TypeScript loader. Protocol (postMessage):
//   in:  { type: 'init', options } | { type: 'embed', id, texts } | { type: 'translate', id, lang, texts }
//   out: { type: 'ready' } | { type: 'progress', file, loaded, total } | { type: 'result', id, value } | { type: 'error', id?, message }
import { parentPort } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

let options;
let extractor;
const translators = new Map();

function configure(o) {
  options = o;
  env.localModelPath = o.modelRoot;
  env.allowLocalModels = true;
  env.allowRemoteModels = o.allowDownload;
  // Downloads land in the data dir, next to the local models, so the next start finds them offline.
  env.cacheDir = o.modelRoot;
}

/** Weights, progress reports and, when configured, the threads one inference may use. */
function modelOptions() {
  const session_options = options.threads ? { intraOpNumThreads: options.threads } : undefined;
  return { dtype: options.dtype, progress_callback: progress, ...(session_options && { session_options }) };
}

function progress(event) {
  if (event.status === 'progress')
    parentPort.postMessage({ type: 'progress', file: event.file, loaded: event.loaded, total: event.total });
}

async function translator(lang) {
  const model = options.translationModels[lang];
  if (!model) return undefined;
  if (!translators.has(lang)) translators.set(lang, pipeline('translation', model, modelOptions()));
  return translators.get(lang);
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'init') {
      configure(msg.options);
      extractor = await pipeline('feature-extraction', options.embeddingModel, modelOptions());
      parentPort.postMessage({ type: 'ready' });
    } else if (msg.type === 'embed') {
      const output = await extractor(msg.texts, { pooling: 'mean', normalize: true });
      const [n, dim] = output.dims;
      const data = output.data;
      const vectors = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
      parentPort.postMessage({ type: 'result', id: msg.id, value: vectors });
    } else if (msg.type === 'translate') {
      const t = await translator(msg.lang);
      const value = t ? (await t(msg.texts)).map((r) => r.translation_text) : null;
      parentPort.postMessage({ type: 'result', id: msg.id, value });
    }
  } catch (err) {
    parentPort.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
});
