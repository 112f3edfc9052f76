import { readFileSync, readdirSync } from 'node:fs';
import { segmentPage } from './pipeline/segment-page.js';
import { detectLanguage } from './pipeline/detect-language.js';
const opts = { allowed: ['en', 'hi', 'ur'], minLetters: 20 };
for (const f of readdirSync('seeds').filter((f) => f.endsWith('.txt'))) {
  for (const a of segmentPage(readFileSync(`seeds/${f}`, 'utf8'))) console.log(f, JSON.stringify(detectLanguage(`${a.title}\n${a.text}`, opts)), JSON.stringify(detectLanguage(a.title, opts)));
}
let ok = 0, n = 0, okT = 0; const bad: string[] = [];
for (const line of readFileSync('../shared/eval/air-en-hi/articles.jsonl', 'utf8').trim().split('\n')) {
  const a = JSON.parse(line); n++;
  if (detectLanguage(`${a.title}\n${a.text}`, opts).lang === a.lang) ok++;
  const t = detectLanguage(a.title, opts); if (t.lang === a.lang) okT++; else bad.push(`${a.lang} ${t.lang} ${a.title}`);
}
console.log('air', ok, okT, n, bad.slice(0, 10));
console.log(['Bonjour à tous, ceci est un article sur la politique française et les élections', 'Der Bundestag hat heute über das neue Gesetz abgestimmt und es beschlossen', 'پاکستان اور روس نے کراچی میں اسٹیل ملز کی بحالی کے لیے ایک معاہدے پر دستخط کیے', 'ok', 'PSM LLC'].map((t) => detectLanguage(t, opts)));
