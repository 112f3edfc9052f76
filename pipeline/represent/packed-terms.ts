// Sparse vectors packed as typed arrays of term ids and weights, so comparisons skip string look-ups.
import type { Vector } from '../types.js';

type Sparse = Extract<Vector, { kind: 'sparse' }>;

/**
 * A sparse vector's terms as parallel typed arrays of term ids and weights. Comparisons of packed
 * vectors run over arrays instead of looking each term up in an object by its string, which is what
 * comparing one article with hundreds of cluster centroids mostly cost.
 */
export interface Packed {
  ids: Int32Array;
  weights: Float64Array;
}

/** Every term seen in this process gets a small integer id (ids are process-local, never stored). */
const ids = new Map<string, number>();
const names: string[] = [];
/** Ids of terms that are array indices ("0", "17"): an object lists those first, in numeric order. */
const indexTerms = new Set<number>();
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/** The id of a term, given one on first sight. */
export function termId(term: string): number {
  let id = ids.get(term);
  if (id === undefined) {
    id = names.length;
    ids.set(term, id);
    names.push(term);
    if (ARRAY_INDEX.test(term) && Number(term) < 2 ** 32 - 1) indexTerms.add(id);
  }
  return id;
}

/** Whether an object lists the term ahead of the others (an array index, in numeric order) rather than where it was added. */
export const isIndexTerm = (id: number): boolean => indexTerms.has(id);

/** The term of an id. */
export const termName = (id: number): string => names[id]!;

/** How many terms have ids so far (every id is below this). */
export const vocabularySize = (): number => names.length;

/**
 * A sparse vector held as its packed terms alone, 12 bytes a term: the form the cluster writer keeps centroid
 * sums and stored articles' vectors in. An object of terms costs far more: a boxed number per weight and,
 * as V8 gives an object built key by key a hidden class for each prefix of its keys, about one hidden class
 * per term. It is a sparse `Vector` like any other: its terms are in the order the object form lists them,
 * `terms` makes that object on each read (rare paths and tests; comparisons read the arrays through
 * `pack`), and its JSON is the object form's, to the character.
 */
export class PackedVector implements Packed {
  readonly kind = 'sparse';

  constructor(
    readonly ids: Int32Array,
    readonly weights: Float64Array,
  ) {}

  /** The terms as an object (a new one on each read). */
  get terms(): Record<string, number> {
    return Object.fromEntries(Array.from(this.ids, (id, i) => [names[id]!, this.weights[i]!]));
  }

  toJSON(): Sparse {
    return { kind: 'sparse', terms: this.terms };
  }

  /**
   * The JSON text `JSON.stringify` gives this vector, to the character, written from the arrays without making
   * the object of terms first (a big cluster's centroid is written with each article it takes). A vector with
   * an array-index term goes through the object, which lists such terms first.
   */
  json(): string {
    if (this.ids.some((id) => indexTerms.has(id))) return JSON.stringify(this);
    const parts = new Array<string>(this.ids.length);
    for (let i = 0; i < this.ids.length; i++) {
      const w = this.weights[i]!;
      parts[i] = `${JSON.stringify(names[this.ids[i]!])}:${Number.isFinite(w) ? String(w) : 'null'}`;
    }
    return `{"kind":"sparse","terms":{${parts.join(',')}}}`;
  }
}

/**
 * The JSON text `JSON.stringify` gives a cluster's centroids (`{lang: {sum, count}}`), packed sums written from
 * their arrays (`PackedVector.json`); any other shape goes through `JSON.stringify`.
 */
export function centroidsJson(centroids: Record<string, { sum: Vector; count: number }>): string {
  const parts: string[] = [];
  for (const lang of Object.keys(centroids)) {
    const c = centroids[lang]!;
    const keys = Object.keys(c);
    if (!(c.sum instanceof PackedVector) || keys.length !== 2 || keys[0] !== 'sum' || keys[1] !== 'count')
      return JSON.stringify(centroids);
    parts.push(`${JSON.stringify(lang)}:{"sum":${c.sum.json()},"count":${JSON.stringify(c.count)}}`);
  }
  return `{${parts.join(',')}}`;
}

/** The vector held packed (sparse; shares the arrays of its packed terms), or itself (dense, or packed already). */
export function packedVector(vector: Vector): Vector {
  if (vector.kind !== 'sparse' || vector instanceof PackedVector) return vector;
  const { ids, weights } = pack(vector);
  return new PackedVector(ids, weights);
}

// Vectors are never mutated (sums make new objects), so a packed copy can be memoised by identity.
const packedMemo = new WeakMap<Sparse, Packed>();

/** The vector's terms packed (memoised per vector object; a `PackedVector` is its own packing). */
export function pack(vector: Sparse): Packed {
  if (vector instanceof PackedVector) return vector;
  let packed = packedMemo.get(vector);
  if (!packed) {
    const terms = Object.keys(vector.terms);
    packed = { ids: new Int32Array(terms.length), weights: new Float64Array(terms.length) };
    for (let i = 0; i < terms.length; i++) {
      packed.ids[i] = termId(terms[i]!);
      packed.weights[i] = vector.terms[terms[i]!]!;
    }
    packedMemo.set(vector, packed);
  }
  return packed;
}

/**
 * A dense array indexed by term id that holds one packed vector's values at a time (zero elsewhere), so
 * comparing it with many others costs one array read per term of each other. `load` puts a vector in,
 * clearing the previous one's entries; loading the vector that is already in costs nothing.
 */
export class Scatter {
  private values = new Float64Array(1024);
  private owner: object | undefined;
  private ownerIds: Int32Array = new Int32Array(0);

  /** Makes `values[id]` of `key`'s terms readable through `array()`; `value(i)` gives the i-th term's value. */
  load(key: object, packed: Packed, value: (i: number) => number): Float64Array {
    if (this.values.length < vocabularySize()) {
      const grown = new Float64Array(Math.max(vocabularySize(), this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    if (this.owner === key) return this.values;
    for (let i = 0; i < this.ownerIds.length; i++) this.values[this.ownerIds[i]!] = 0;
    for (let i = 0; i < packed.ids.length; i++) this.values[packed.ids[i]!] = value(i);
    this.owner = key;
    this.ownerIds = packed.ids;
    return this.values;
  }
}
