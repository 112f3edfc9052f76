// Tests the neural representation on a tiny int8 ONNX model: pooling, batching, threads, load errors.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { loadConfig } from '../../config/load-config.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { NeuralModels } from '../../adapters/neural-representation.js';
import { loadRepresentation } from '../../adapters/representation.js';
import { startRuntime } from '../../runtime/runtime.js';
import { storeReport } from '../../store/store-report.js';
import { testConfig } from '../helpers/test-config.js';
import { createOfflineTranslator } from '../../pipeline/titles/english-title.js';
import { buildTinyModel, TINY_MODEL_ID, TINY_TRANSLATION_ID, type TinyTable } from '../helpers/tiny-model.js';

let modelRoot: string;
let table: TinyTable;
let models: NeuralModels;

const options = () => ({
  modelRoot,
  embeddingModel: TINY_MODEL_ID,
  translationModels: { hi: TINY_TRANSLATION_ID },
  dtype: 'q8',
  allowDownload: false,
  batchSize: 2,
  maxChars: 1000,
});

beforeAll(async () => {
  ({ modelRoot, table } = buildTinyModel());
  models = await NeuralModels.load(options());
});
afterAll(async () => {
  await models?.close();
});

/** Mean of the dequantized rows of [CLS] + words + [SEP], L2-normalised: what the model must return. */
function expected(words: string[]): number[] {
  const ids = [
    table.vocab['[CLS]']!,
    ...words.map((w) => table.vocab[w] ?? table.vocab['[UNK]']!),
    table.vocab['[SEP]']!,
  ];
  const sum = table.rows[0]!.map(
    (_, d) => ids.reduce((s, id) => s + table.rows[id]![d]! * table.scale, 0) / ids.length,
  );
  const norm = Math.hypot(...sum);
  return sum.map((v) => v / norm);
}

const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('neural embedder on a tiny int8 ONNX model', () => {
  it('loads from the local model folder and returns mean-pooled, L2-normalised sentence vectors', async () => {
    const [v] = await models.embedTexts(['Pakistan steel mill']);
    expect(v).toHaveLength(16);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
    const want = expected(['pakistan', 'steel', 'mill']);
    v!.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 4));
  });

  it('batches: many texts give the same vectors as one at a time, padding ignored', async () => {
    const texts = [
      'Pakistan steel mill',
      'cricket match',
      'Russia',
      'India won the cricket match',
      'Delhi cold weather',
    ];
    const together = await models.embedTexts(texts);
    for (const [i, t] of texts.entries()) {
      const [alone] = await models.embedTexts([t]);
      alone!.forEach((x, d) => expect(together[i]![d]).toBeCloseTo(x, 5));
    }
  });

  it('runs inference on a set number of threads (representation.neural.threads) with the same vectors', async () => {
    const single = await NeuralModels.load({ ...options(), threads: 1 });
    try {
      const [v] = await single.embedTexts(['India won the cricket match']);
      const [w] = await models.embedTexts(['India won the cricket match']);
      v!.forEach((x, i) => expect(x).toBeCloseTo(w![i]!, 6));
    } finally {
      await single.close();
    }
  });

  it('puts an English sentence and its Hindi translation together, and an unrelated one apart', async () => {
    const [en, hi, other] = await models.embedTexts([
      'Pakistan and Russia signed steel mill protocol',
      'पाकिस्तान और रूस स्टील मिल प्रोटोकॉल दस्तखत',
      'India won the cricket match',
    ]);
    expect(cosine(en!, hi!)).toBeGreaterThan(0.99);
    expect(cosine(en!, other!)).toBeLessThan(0.8);
  });

  it('says which model and folder failed to load', async () => {
    await expect(NeuralModels.load({ ...options(), embeddingModel: 'no-such-model' })).rejects.toThrow(
      `cannot load no-such-model from ${modelRoot}`,
    );
  });
});

describe('neural translation on a tiny int8 Marian model', () => {
  it("loads the language's model on first use, generates and decodes English", async () => {
    expect(await models.translate('hi', ['पाकिस्तान स्टील मिल समझौता', 'रूस'])).toEqual([
      'Pakistan steel mill',
      'Pakistan steel mill',
    ]);
    expect(await models.translate('ur', ['پاکستان'])).toBeNull();
  });

  it('translates non-English titles, passes English through, and renders languages without a model offline', async () => {
    const translator = models.translator(createOfflineTranslator(null));
    expect(translator.mode).toBe('neural');
    expect(await translator.toEnglish('रूस ने पाकिस्तान के साथ डील की', 'hi')).toBe('Pakistan steel mill');
    expect(await translator.toEnglish('Russia signs deal', 'en')).toBe('Russia signs deal');
    expect(await translator.toEnglish('पाकिस्तान', 'mr')).toBe('Pakistan');
  });
});

describe('choosing the representation', () => {
  it('auto: neural when the model is in the model folder, offline when it is not', async () => {
    const base = loadConfig(undefined, {});
    const neural = await loadRepresentation(
      {
        ...base,
        representation: {
          ...base.representation,
          neural: { ...base.representation.neural, modelDir: modelRoot, embeddingModel: TINY_MODEL_ID },
        },
      },
      () => {},
    );
    expect([neural.embedder.mode, neural.embedder.name]).toEqual(['neural', TINY_MODEL_ID]);
    await neural.close();
    const offline = await loadRepresentation(
      {
        ...base,
        representation: { ...base.representation, neural: { ...base.representation.neural, modelDir: modelRoot } },
      },
      () => {},
    );
    expect(offline.embedder.mode).toBe('offline');
  });

  it('neural: refuses to start without the model instead of silently changing mode', async () => {
    const base = loadConfig(undefined, {});
    await expect(
      loadRepresentation(
        {
          ...base,
          representation: {
            ...base.representation,
            mode: 'neural',
            neural: { ...base.representation.neural, modelDir: modelRoot },
          },
        },
        () => {},
      ),
    ).rejects.toThrow(/cannot load Xenova\/paraphrase-multilingual-MiniLM-L12-v2/);
  });
});

describe('the whole pipeline in neural mode', () => {
  it('clusters an English report with its Hindi translation and says "neural" in the report', async () => {
    const { config, dataDir } = testConfig({
      representation: {
        mode: 'neural',
        neural: { modelDir: modelRoot, embeddingModel: TINY_MODEL_ID, translationModels: { hi: TINY_TRANSLATION_ID } },
      },
    });
    const file = path.join(dataDir, 'articles.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 'en1',
          title: 'Pakistan and Russia signed steel mill protocol',
          text: 'Karachi steel mill restart: Pakistan and Russia signed the protocol.',
        },
        {
          id: 'hi1',
          title: 'पाकिस्तान और रूस स्टील मिल प्रोटोकॉल दस्तखत',
          text: 'कराची स्टील मिल शुरू: पाकिस्तान और रूस प्रोटोकॉल दस्तखत.',
        },
        {
          id: 'en2',
          title: 'India won the cricket match',
          text: 'India won the cricket match in Delhi on a cold day.',
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
    try {
      const { items } = await readInputs([file], config.ingest.maxBytes);
      await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
      const report = storeReport(runtime.store!, runtime.representation!.embedder.mode);
      expect(report.mode).toBe('neural');
      const cluster = Object.fromEntries(report.articles.map((a) => [a.id, a.clusterId]));
      expect(cluster.hi1).toBe(cluster.en1);
      expect(cluster.en2).not.toBe(cluster.en1);
      expect(report.articles.find((a) => a.id === 'hi1')!.titleEn).toBe('Pakistan steel mill');
    } finally {
      await runtime.queues.ingest.obliterate({ force: true });
      await runtime.queues.cluster.obliterate({ force: true });
      await runtime.close();
    }
  });
});
