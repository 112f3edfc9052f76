// Tests the offline representation: truncated stems for other languages and titles without outlet names.
import { describe, expect, it } from 'vitest';
import { lexicalTerms, mainPart, truncatedStem } from '../../pipeline/represent/lexical-embedder.js';

const terms = (title: string, lang: string) => Object.keys(lexicalTerms({ title, text: '', lang }, null));

describe('the offline representation of languages without a stemmer here', () => {
  it('cuts words to five letters with diacritics folded', () => {
    expect(truncatedStem('olímpicos')).toBe('olimp');
    expect(truncatedStem('Олимпийские'.toLowerCase())).toBe('олимп');
    expect(truncatedStem('él')).toBe('el');
  });

  it('gives Cyrillic and accented words terms, so inflected forms of one word meet', () => {
    const a = terms('Олимпийские игры в Токио пройдут без зрителей', 'ru');
    const b = terms('Олимпийских игр в Токио не будет без зрителей', 'ru');
    expect(a.filter((t) => t.startsWith('w:'))).toContain('w:олимп');
    expect(a.filter((t) => b.includes(t) && t.startsWith('w:')).sort()).toEqual(
      ['w:без', 'w:зрите', 'w:олимп', 'w:токио'].sort(),
    );
    expect(terms('Los Juegos Olímpicos de Tokio', 'es')).toContain('w:olimp');
  });

  it('keeps the English stemmer for English and for text of undetermined language', () => {
    expect(terms('Olympic athletes withdraw', 'en')).toContain('w:withdraw');
    expect(terms('Olympic athletes withdraw', 'und')).toContain('w:withdraw');
    expect(terms('Olympic athletes withdraw', 'es')).toContain('w:withd');
  });
});

describe('the headline of a title', () => {
  it('leaves out what outlets add around it, so an outlet name does not link unrelated reports', () => {
    expect(mainPart('Guinea pulls out of Tokyo Olympics, citing coronavirus | WTOP')).toBe(
      'Guinea pulls out of Tokyo Olympics, citing coronavirus',
    );
    expect(mainPart('Sports News | Four Sports to Make Debut in Tokyo Olympics | LatestLY')).toBe(
      'Four Sports to Make Debut in Tokyo Olympics',
    );
    expect(mainPart('Virus Cluster At Japan Hotel Hosting Brazilian Olympians - UrduPoint')).toBe(
      'Virus Cluster At Japan Hotel Hosting Brazilian Olympians',
    );
    // Hyphens inside words and titles without separators stay whole.
    expect(mainPart('Guinea-Conakry withdraws over COVID-19')).toBe('Guinea-Conakry withdraws over COVID-19');
    const a = terms('Top shooter tests positive, will miss Tokyo | The China Post, Taiwan', 'en');
    const b = terms('Japan improves to 2-0 with Olympic softball win | The China Post, Taiwan', 'en');
    expect(a.filter((t) => b.includes(t))).toEqual([]);
  });
});
