// The neural representation: transformers.js models in a worker thread, for embedding and translation.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbedInput, Embedder, Translator } from '../pipeline/ports.js';
import type { Vector } from '../pipeline/types.js';

/** Where and how to load the neural models. */
export interface NeuralOptions {
  /** Folder holding `<model id>/config.json, tokenizer.json, onnx/…`; downloads are cached here too. */
  modelRoot: string;
  embeddingModel: string;
  /** Translation model per source language (ISO 639-1). */
  translationModels: Record<string, string>;
  /** Weights to load: q8 (quantized) by default. */
  dtype: string;
  allowDownload: boolean;
  /** Texts per inference call. */
  batchSize: number;
  /** Characters of title + text given to the model (it reads 128 tokens at most). */
  maxChars: number;
  /** ONNX Runtime intra-op threads per inference; 0: its default (every core). */
  threads?: number;
}

/** True when the embedding model's files are in the model folder. */
export function modelPresent(options: Pick<NeuralOptions, 'modelRoot' | 'embeddingModel'>): boolean {
  return existsSync(path.join(options.modelRoot, options.embeddingModel, 'config.json'));
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * The neural representation: one worker thread per process owns the transformers.js pipelines (loaded
 * once), so inference never blocks the event loop. `embed` batches texts; vectors are mean-pooled and
 * L2-normalised sentence embeddings.
 */
export class NeuralModels {
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  private constructor(
    private readonly thread: Worker,
    readonly options: NeuralOptions,
  ) {
    thread.on('message', (msg: { type: string; id?: number; value?: unknown; message?: string }) => {
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id!);
      if (msg.type === 'error') p.reject(new Error(msg.message));
      else p.resolve(msg.value);
    });
    thread.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  /** Starts the thread and loads the embedding model; `onProgress` sees download progress. */
  static async load(
    options: NeuralOptions,
    onProgress: (file: string, loaded: number, total: number) => void = () => {},
  ): Promise<NeuralModels> {
    const thread = new Worker(new URL('./neural/model-thread.mjs', import.meta.url));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { type: string; message?: string; file?: string; loaded?: number; total?: number }) => {
        if (msg.type === 'progress') onProgress(msg.file ?? '', msg.loaded ?? 0, msg.total ?? 0);
        else if (msg.type === 'ready') done(resolve);
        else if (msg.type === 'error')
          done(() =>
            reject(new Error(`cannot load ${options.embeddingModel} from ${options.modelRoot}: ${msg.message}`)),
          );
      };
      const done = (f: () => void) => {
        thread.off('message', onMessage);
        f();
      };
      thread.on('message', onMessage);
      thread.once('error', reject);
      thread.postMessage({ type: 'init', options });
    }).catch(async (err: Error) => {
      await thread.terminate();
      throw err;
    });
    return new NeuralModels(thread, options);
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.thread.postMessage({ ...msg, id });
    });
  }

  async embedTexts(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.options.batchSize) {
      out.push(...(await this.call<number[][]>({ type: 'embed', texts: texts.slice(i, i + this.options.batchSize) })));
    }
    return out;
  }

  /** English renderings, or null when there is no translation model for `lang`. */
  async translate(lang: string, texts: string[]): Promise<string[] | null> {
    if (!this.options.translationModels[lang]) return null;
    return this.call<string[] | null>({ type: 'translate', lang, texts });
  }

  embedder(): Embedder {
    return {
      mode: 'neural',
      name: this.options.embeddingModel,
      embed: async (inputs: EmbedInput[]): Promise<Vector[]> => {
        const texts = inputs.map((i) => `${i.title}\n${i.text}`.slice(0, this.options.maxChars));
        return (await this.embedTexts(texts)).map((values) => ({ kind: 'dense', values }));
      },
    };
  }

  /** Translates titles with the language's model; `fallback` (the offline gloss) covers the rest. */
  translator(fallback: Translator): Translator {
    return {
      mode: 'neural',
      toEnglish: async (text: string, lang: string) => {
        if (lang === 'en') return text;
        const translated = await this.translate(lang, [text]).catch(() => null);
        return translated?.[0] ?? fallback.toEnglish(text, lang);
      },
    };
  }

  close(): Promise<number> {
    return this.thread.terminate();
  }
}
