// Tests query expansion for search across languages: name tables, lexicon, phrases and bounds.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { expandQuery, ftsExpression, matchedTerms, type SearchVariant } from '../../pipeline/search-terms.js';
import { freedict } from '../helpers/lexicon.js';

const lexicon = freedict();
const variants = (query: string, known?: (v: SearchVariant) => boolean): Array<[string, string[]]> =>
  expandQuery(query, lexicon, { known }).map((t) => [t.text, t.variants.map((v) => v.text)]);
const first = (query: string, known?: (v: SearchVariant) => boolean) => variants(query, known)[0]![1];

describe('expandQuery: translations from the name tables and the lexicon', () => {
  it.each([
    ['Iran', [['iran', ['ईरान']]]],
    ['ईरान', [['ईरान', ['iran']]]],
    ['cold wave', [['cold wave', ['शीतलहर', 'शीत लहर']]]],
    ['शीतलहर', [['शीतलहर', ['cold wave']]]],
    ['शीत लहर', [['शीत लहर', ['cold wave']]]],
    ['Supreme Court', [['supreme court', ['सर्वोच्च न्यायालय', 'उच्चतम न्यायालय']]]],
    ['बाढ़', [['बाढ़', ['flood']]]],
  ])('%s', (query, expected) => {
    expect(variants(query)).toEqual(expected);
  });

  it('keeps the spellings as written ("बाढ़" with its nukta), as the index holds them', () => {
    expect(first('flood')).toContain('बाढ़');
  });

  it('takes a known phrase whole and the other words one by one', () => {
    const terms = expandQuery('Supreme Court verdict on Iran', lexicon);
    expect(terms.map((t) => t.text)).toEqual(['supreme court', 'verdict', 'on', 'iran']);
  });

  it('makes function words optional, but not a name in capitals ("US")', () => {
    const [attack, on, iran] = expandQuery('attack on Iran', lexicon);
    expect([attack!.optional, on!.optional, iran!.optional]).toEqual([false, true, false]);
    expect(expandQuery('US', lexicon)[0]).toMatchObject({
      optional: false,
      variants: expect.arrayContaining([expect.objectContaining({ text: 'अमेरिका' })]),
    });
    expect(expandQuery('us', lexicon)[0]).toMatchObject({ optional: true, variants: [] });
  });

  it("is bounded: a few translations per term, a name table's sense before the dictionary's", () => {
    for (const t of expandQuery('minister attack court fire water government election police', lexicon)) {
      expect(t.variants.length).toBeLessThanOrEqual(4);
      expect(t.variants.filter((v) => v.via === 'lexicon').length).toBeLessThanOrEqual(2);
    }
    expect(first('minister')[0]).toBe('मंत्री');
    expect(first('attack')).toEqual(['हमला', 'हमले']);
    expect(
      expandQuery('fire', lexicon, { maxLexicon: 1 })[0]!.variants.filter((v) => v.via === 'lexicon'),
    ).toHaveLength(1);
  });

  it('gives way to the next translation when the texts hold a variant nowhere', () => {
    const all = first('US');
    const without = first('US', (v) => v.text !== all[0]);
    expect(without).not.toContain(all[0]);
    expect(without[0]).toBe(all[1]);
  });

  it('renders an unknown Hindi name as the English titles do, or as the texts spell it', () => {
    expect(variants('ट्रंप', (v) => v.text === 'trump')).toEqual([['ट्रंप', ['trump']]]);
    expect(variants('मोदी', (v) => v.text === 'modi')).toEqual([['मोदी', ['modi']]]);
    expect(variants('मोदी', () => false)).toEqual([['मोदी', []]]);
  });
});

describe('ftsExpression', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize="unicode61 categories 'L* N* Co M*'")`);
  const insert = db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)');
  insert.run(1, 'Iran warns the US after the attack on its commander');
  insert.run(2, 'अमरीकी हमले के बाद ईरान ने चेतावनी दी');
  insert.run(3, 'उत्तर भारत में शीत लहर जारी, कोहरे से रेल सेवाएं प्रभावित');
  insert.run(4, 'Cold wave tightens its grip; floods in the south');
  insert.run(5, 'Smriti Irani launches a campaign in Delhi');
  const hits = (expression: string) =>
    (db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(expression) as Array<{ rowid: number }>).map(
      (r) => r.rowid,
    );

  it('finds the reports in both languages, and in exact mode only those with the words as typed', () => {
    expect(hits(ftsExpression(expandQuery('Iran attack', lexicon)))).toEqual([1, 2]);
    expect(hits(ftsExpression(expandQuery('Iran attack', lexicon), true))).toEqual([1]);
    expect(hits(ftsExpression(expandQuery('ईरान', lexicon)))).toEqual([1, 2]);
    expect(hits(ftsExpression(expandQuery('ईरान', lexicon), true))).toEqual([2]);
    expect(hits(ftsExpression(expandQuery('cold wave', lexicon)))).toEqual([3, 4]);
    expect(hits(ftsExpression(expandQuery('बाढ़', lexicon)))).toEqual([4]);
    // Inflections are listed, not prefixes: "Irani" (a name) is not a form of "Iran".
    expect(hits(ftsExpression(expandQuery('ईरान', lexicon)))).not.toContain(5);
  });

  it('lets no FTS operator of the user through', () => {
    for (const query of ['Iran" OR x*', 'NEAR(iran attack)', 'iran AND NOT -attack', '"', '*', 'title:iran', '^iran']) {
      const expression = ftsExpression(expandQuery(query, lexicon));
      // A query without a word is no search at all (the store answers it with nothing).
      if (expression) expect(() => hits(expression)).not.toThrow();
      else expect(query).not.toMatch(/\p{L}/u);
      // Outside quoted phrases only our own grouping is left: brackets, OR, AND.
      expect(expression.replace(/"[^"]*"/gu, '')).toMatch(/^(?:[\s()]|OR|AND)*$/u);
    }
    expect(ftsExpression(expandQuery('Iran" OR x*', lexicon), true)).toBe('"iran" "or" "x"');
  });
});

describe('matchedTerms', () => {
  const terms = (q: string) => expandQuery(q, lexicon);

  it('names the translation an article met, as the article writes it', () => {
    expect(matchedTerms(terms('Iran'), 'अमरीकी हमले के बाद ईरान ने चेतावनी दी')).toEqual([
      { term: 'iran', matched: 'ईरान' },
    ]);
    expect(matchedTerms(terms('बाढ़'), 'Floods in Assam')).toEqual([{ term: 'बाढ़', matched: 'floods' }]);
    expect(matchedTerms(terms('minister'), 'मंत्रियों की बैठक')).toEqual([{ term: 'minister', matched: 'मंत्रियों' }]);
    expect(matchedTerms(terms('cold wave'), 'दिल्ली में शीत लहर जारी')).toEqual([
      { term: 'cold wave', matched: 'शीत लहर' },
    ]);
  });

  it('is empty where the article has the words as typed', () => {
    expect(matchedTerms(terms('Iran'), 'Iran warns the US')).toEqual([]);
  });
});
