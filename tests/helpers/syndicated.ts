// A wire report and the copies other outlets ran, as JSON Lines inputs for tests.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const TITLE = 'Islamabad, Moscow sign protocol to restore and modernize Pakistan Steel Mills';
const TEXT = [
  "The protocol was signed at the Pakistan Embassy in Moscow by Pakistan's Secretary of Industries and Production Saif Anjum",
  'and Russian General Director of Industrial Engineering LLC Vadim Velichko, reaffirming the long-standing industrial partnership.',
  "The PSM, once Pakistan's flagship industrial complex, was built in the 1970s with Soviet assistance and has been",
  'non-operational since 2015. Moscow is also expected to finalize an agreement with Islamabad this summer to construct',
  'a new steel mill in Karachi, the Russian Consul-General told reporters.',
].join(' ');

/** One wire report and the copies other outlets ran, as JSON Lines records of three files. */
export const SYNDICATED = {
  /** The first to arrive: stored. */
  wire: {
    id: 'wire-psm',
    title: TITLE,
    text: TEXT,
    url: 'https://wire.example/psm',
    publishedAt: '2025-07-11T08:00:00.000Z',
  },
  /** The same report word for word from a second outlet. */
  exact: {
    id: 'paper-41',
    title: TITLE,
    text: TEXT,
    url: 'https://www.paper.example/news/psm',
    publishedAt: '2025-07-11T10:30:00.000Z',
  },
  /** The same report with a lightly edited title, from a third. */
  near: {
    id: 'third-9',
    title: 'Islamabad and Moscow sign protocol to restore, modernise Pakistan Steel Mills',
    text: TEXT,
    url: 'https://third.example/2025/07/psm',
    publishedAt: '2025-07-12T06:15:00.000Z',
  },
} as const;

/** Writes wire.jsonl, paper.jsonl and third.jsonl into `dir` (one record each); returns their paths in that order. */
export function writeSyndicated(dir: string): string[] {
  return (['wire', 'exact', 'near'] as const).map((key, i) => {
    const file = path.join(dir, `${['wire', 'paper', 'third'][i]}.jsonl`);
    writeFileSync(file, `${JSON.stringify(SYNDICATED[key])}\n`);
    return file;
  });
}
