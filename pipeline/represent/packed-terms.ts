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

/** The id of a term, given one on first sight. */
export function termId(term: string): number {
  let id = ids.get(term);
  if (id === undefined) {
    id = names.length;
    ids.set(term, id);
    names.push(term);
  }
  return id;
}

/** The term of an id. */
export const termName = (id: number): string => names[id]!;

/** How many terms have ids so far (every id is below this). */
export const vocabularySize = (): number => names.length;

// Vectors are never mutated (sums make new objects), so a packed copy can be memoised by identity.
const packedMemo = new WeakMap<Sparse, Packed>();

/** The vector's terms packed (memoised per vector object). */
export function pack(vector: Sparse): Packed {
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
