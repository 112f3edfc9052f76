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
  /** The keys met in the current lookup, in the order met. */
  private met: Int32Array = new Int32Array(1024);
  /** The accepted keys' scores while the best are picked. */
  private ranked = new Float64Array(1024);

  /** @param cap most clusters in one term's list @defaultValue 256 */
  constructor(private readonly cap = 256) {
    if (!(cap >= 1)) throw new Error(`posting cap must be at least 1, got ${cap}`);
  }

  /** Indexes a cluster under its terms (replacing what it was indexed under); it becomes the newest in each list. */
  set(key: number, terms: IndexedTerm[]): void {
    this.remove(key);
    if (key >= this.state.length) this.grow(key);
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
   * cosine the indexed terms make); ties go to the lower key. Scores add up in an array by key and the
   * `limit` best are picked by selection, not by sorting every cluster met; the buffers are reused.
   * `boost`, if given, multiplies each accepted key's sum before the ranking.
   */
  lookup(
    query: QueryTerm[],
    accept: (key: number) => boolean,
    limit: number,
    boost?: (key: number) => number,
  ): number[] {
    let met = 0;
    let accepted = 0;
    for (const { term, weight } of query) {
      const list = this.lists.get(term);
      if (!list) continue;
      const { keys, impacts } = list;
      if (met + keys.length > this.met.length) this.met = grown(this.met, met + keys.length);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const state = this.state[key]!;
        if (state === 2) continue;
        if (state === 0) {
          this.met[met++] = key;
          if (!accept(key)) {
            this.state[key] = 2;
            continue;
          }
          this.state[key] = 1;
          this.scores[key] = 0;
          accepted++;
        }
        this.scores[key]! += weight * impacts[i]!;
      }
    }
    if (boost && accepted > limit)
      for (let i = 0; i < met; i++) {
        const key = this.met[i]!;
        if (this.state[key] === 1) this.scores[key]! *= boost(key);
      }
    const found = this.pick(met, accepted, limit);
    for (let i = 0; i < met; i++) this.state[this.met[i]!] = 0;
    return found;
  }

  /** Of the `met` keys of this lookup, the accepted ones (`accepted` of them) with the `limit` best scores, in key order. */
  private pick(met: number, accepted: number, limit: number): number[] {
    const keys = new Int32Array(Math.min(accepted, limit));
    let n = 0;
    if (accepted <= limit) {
      for (let i = 0; i < met; i++) if (this.state[this.met[i]!] === 1) keys[n++] = this.met[i]!;
      return Array.from(keys.sort());
    }
    if (accepted > this.ranked.length) this.ranked = new Float64Array(Math.max(accepted, this.ranked.length * 2));
    for (let i = 0; i < met; i++) if (this.state[this.met[i]!] === 1) this.ranked[n++] = this.scores[this.met[i]!]!;
    // The limit-th largest score: every key above it is in, and as many of those equal to it as there is room for, lowest first.
    const bar = kthLargest(this.ranked, accepted, limit);
    const ties: number[] = [];
    n = 0;
    for (let i = 0; i < met; i++) {
      const key = this.met[i]!;
      if (this.state[key] !== 1) continue;
      const score = this.scores[key]!;
      if (score > bar) keys[n++] = key;
      else if (score === bar) ties.push(key);
    }
    ties.sort((a, b) => a - b);
    for (let i = 0; n < limit; i++) keys[n++] = ties[i]!;
    return Array.from(keys.sort());
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

/** A copy of `array` with room for at least `size` entries. */
function grown(array: Int32Array, size: number): Int32Array {
  const copy = new Int32Array(Math.max(size, array.length * 2));
  copy.set(array);
  return copy;
}

/**
 * The k-th largest of the first n values (1 ≤ k ≤ n), by quickselect (Hoare partition, middle pivot);
 * reorders those values.
 */
function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
