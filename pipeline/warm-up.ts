// Warms the representation before the first job: built-in sample articles in English, Hindi and Urdu.
import { prepareArticles, type PrepareDeps } from './prepare-article.js';
import type { ArticleDraft } from './types.js';

/** Short articles of the kind the pipeline reads, one per script it handles, written for this purpose. */
export const WARM_UP_SAMPLES: ArticleDraft[] = [
  {
    title: 'Government approves new rail line between Delhi and Mumbai',
    text:
      'Officials said on Monday that the new rail line between the two cities will open next year, after the ' +
      'government approved funding for the project. The minister told reporters that work on the bridge had begun.',
    publishedAt: null,
    url: null,
  },
  {
    title: 'दिल्ली और मुंबई के बीच नई रेल लाइन के प्रोजेक्ट को कैबिनेट की मंज़ूरी',
    text:
      'अधिकारियों ने सोमवार को बताया कि दोनों शहरों के बीच नई रेल लाइन अगले साल खुलेगी। ' +
      'मंत्री ने संवाददाताओं से कहा कि पुल पर काम शुरू हो गया है और परियोजना के लिए धन जारी कर दिया गया है।',
    publishedAt: null,
    url: null,
  },
  {
    title: 'کراچی اور لاہور کے درمیان نئی ریلوے لائن کے پروجیکٹ کو کابینہ کی منظوری',
    text:
      'حکام نے پیر کو بتایا کہ دونوں شہروں کے درمیان نئی ریلوے لائن اگلے سال کھلے گی۔ ' +
      'وزیر نے صحافیوں کو بتایا کہ پل پر کام شروع ہو گیا ہے اور منصوبے کے لیے رقم جاری کر دی گئی ہے۔',
    publishedAt: null,
    url: null,
  },
];

/**
 * Prepares the built-in samples once and drops the result. The representation builds some of its tables on
 * first use (the name tables behind Hindi and Urdu titles, the transliteration keys; in the neural mode the
 * model's first inference), which costs the first article of each script a few hundred milliseconds; an
 * ingest worker pays that at start instead, before it takes its first job. Returns how long it took (ms).
 */
export async function warmUp(deps: PrepareDeps): Promise<number> {
  const t0 = performance.now();
  await prepareArticles(
    WARM_UP_SAMPLES.map((draft, i) => ({ draft, origin: { id: `warm-up-${i + 1}`, source: 'warm-up' } })),
    deps,
  );
  return performance.now() - t0;
}
