// The store's term document frequencies: counted once per stored article, at the write transaction's commit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/sqlite-store.js';
import { preparedArticle, storedCluster } from '../helpers/prepared-article.js';

const cluster = storedCluster('c1', { title: 'story' });

let store: SqliteStore;
afterEach(() => store.close());
const open = () => (store = new SqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'sw-terms-')), 's.sqlite')));

/** Stores an article with these terms in cluster c1 (made by the first article). */
function write(id: string, terms: string[]): void {
  store.writeArticle({
    article: preparedArticle(
      id,
      { kind: 'sparse', terms: Object.fromEntries(terms.map((t) => [t, 1])) },
      {
        url: `https://example.org/${id}`,
      },
    ),
    cluster,
    isNewCluster: id === 'a1',
    matches: [],
  });
}

const df = (s: SqliteStore) => Object.fromEntries(s.loadTermStats().df);

describe('term document frequencies', () => {
  it('counts each article of a write transaction once, and none of one whose savepoint failed', () => {
    open();
    store.writeTransaction(() => {
      write('a1', ['mill', 'steel', 'karachi']);
      expect(() =>
        store.savepoint(() => {
          write('a2', ['mill', 'russia']);
          throw new Error('the placement failed after its article was written');
        }),
      ).toThrow(/placement failed/);
      write('a3', ['mill', 'steel', 'russia']);
    });
    expect(df(store)).toEqual({ mill: 2, steel: 2, karachi: 1, russia: 1 });
    expect(store.loadTermStats().docs).toBe(2);
    expect(store.articleCount()).toBe(2);
  });

  it('counts nothing of a write transaction that rolled back', () => {
    open();
    write('a1', ['mill']);
    expect(() =>
      store.writeTransaction(() => {
        write('a2', ['mill', 'steel']);
        throw new Error('the batch failed');
      }),
    ).toThrow(/batch failed/);
    expect(df(store)).toEqual({ mill: 1 });
    expect(store.loadTermStats().docs).toBe(1);
  });

  it('counts an article written outside a write transaction at once', () => {
    open();
    write('a1', ['mill', 'steel']);
    write('a2', ['steel']);
    expect(df(store)).toEqual({ mill: 1, steel: 2 });
  });
});
