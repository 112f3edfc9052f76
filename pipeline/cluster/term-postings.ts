// Capped inverted index from heavy centroid terms to clusters: the candidate lookup of the offline (sparse) mode.

/** A term of a cluster's centroid to index, with its impact (weight × IDF / weighted length of the centroid). */
export interface IndexedTerm {
  term: number;
  impact: number;
}

/** A term of an article to look up, with its weight × IDF. */
export interface QueryTerm {
  term: number;
  weight: number;
}

/** One term's postings: cluster keys and their impacts, oldest indexed first. */
interface List {
  keys: number[];
  impacts: number[];
}

/**
 * Posting lists capped at `cap` clusters each, in the order the clusters were last indexed: a list that
 * grows past the cap drops the cluster indexed longest ago. Only common terms reach the cap, and a common
 * term has a low IDF, so it is weak evidence; a cluster dropped from its list stays reachable through its
 * rarer heavy terms. A cluster that keeps growing is indexed again with every article, so it stays in the
 * lists of its terms. A lookup thus reads at most `terms × cap` postings however many clusters there are.
 * Clusters are known by small integer keys (their creation order), so scores accumulate in an array.
 */
export class TermPostings {
  private readonly lists = new Map<number, List>();
  private readonly termsOf = new Map<number, number[]>();
  private scores = new Float64Array(1024);
  /** 0: not met in this lookup, 1: accepted, 2: refused. */
  private state = new Uint8Array(1024);

  /** @param cap most clusters in one term's list @defaultValue 256 */
  constructor(private readonly cap = 256) {
    if (!(cap >= 1)) throw new Error(`posting cap must be at least 1, got ${cap}`);
  }

  /** Indexes a cluster under its terms (replacing what it was indexed under); it becomes the newest in each list. */
  set(key: number, terms: IndexedTerm[]): void {
    this.remove(key);
    const kept: number[] = [];
    for (const { term, impact } of terms) {
      let list = this.lists.get(term);
      if (!list) this.lists.set(term, (list = { keys: [], impacts: [] }));
      list.keys.push(key);
      list.impacts.push(impact);
      kept.push(term);
      // The oldest is dropped from this list only; its other terms still index it.
      if (list.keys.length > this.cap) {
        list.impacts.shift();
        this.forgetIn(list.keys.shift()!, term);
      }
    }
    this.termsOf.set(key, kept);
  }

  /** Removes a cluster from every list. */
  remove(key: number): void {
    for (const term of this.termsOf.get(key) ?? []) {
      const list = this.lists.get(term);
      if (!list) continue;
      const at = list.keys.lastIndexOf(key);
      if (at >= 0) {
        list.keys.splice(at, 1);
        list.impacts.splice(at, 1);
      }
      if (!list.keys.length) this.lists.delete(term);
    }
    this.termsOf.delete(key);
  }

  /** How many clusters a term's list holds now. */
  listLength(term: number): number {
    return this.lists.get(term)?.keys.length ?? 0;
  }

  /**
   * The clusters sharing a term with the query that `accept` lets through, at most `limit` of them, in
   * key order: those with the largest sum over shared terms of query weight × impact (the part of the
   * cosine the indexed terms make); ties go to the lower key.
   */
  lookup(query: QueryTerm[], accept: (key: number) => boolean, limit: number): number[] {
    const met: number[] = [];
    for (const { term, weight } of query) {
      const list = this.lists.get(term);
      if (!list) continue;
      for (let i = 0; i < list.keys.length; i++) {
        const key = list.keys[i]!;
        if (key >= this.state.length) this.grow(key);
        const state = this.state[key]!;
        if (state === 2) continue;
        if (state === 0) {
          met.push(key);
          if (!accept(key)) {
            this.state[key] = 2;
            continue;
          }
          this.state[key] = 1;
          this.scores[key] = 0;
        }
        this.scores[key]! += weight * list.impacts[i]!;
      }
    }
    let found = met.filter((key) => this.state[key] === 1);
    if (found.length > limit) {
      const ranked = Float64Array.from(found, (key) => this.scores[key]!).sort();
      const bar = ranked[ranked.length - limit]!;
      let ties = limit - found.filter((key) => this.scores[key]! > bar).length;
      found = found
        .sort((a, b) => a - b)
        .filter((key) => this.scores[key]! > bar || (this.scores[key] === bar && ties-- > 0));
    }
    for (const key of met) this.state[key] = 0;
    return found.sort((a, b) => a - b);
  }

  private grow(key: number): void {
    const size = Math.max(key + 1, this.state.length * 2);
    const state = new Uint8Array(size);
    state.set(this.state);
    const scores = new Float64Array(size);
    scores.set(this.scores);
    [this.state, this.scores] = [state, scores];
  }

  /** Drops a term from a cluster's record after the cluster fell off that term's list. */
  private forgetIn(key: number, term: number): void {
    const terms = this.termsOf.get(key);
    const at = terms?.indexOf(term) ?? -1;
    if (at >= 0) terms!.splice(at, 1);
  }
}
