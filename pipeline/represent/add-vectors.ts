/** Vector addition: the running sums behind cluster centroids and storyline memories. */
import { isIndexTerm, pack, PackedVector, packedVector, vocabularySize, type Packed } from './packed-terms.js';
import type { Vector } from '../types.js';

/**
 * The sum of two vectors of the same kind (a new vector; neither is changed). A sparse sum is packed
 * (`PackedVector`): the first vector's terms in their order, each plus its weight in the second, then the
 * second's other terms in its order, each 0 + its weight: the sums, and the order, of adding the second's
 * terms one by one into a copy of the first's object of terms.
 */
export function addVectors(a: Vector, b: Vector): Vector {
  if (a.kind === 'dense' && b.kind === 'dense')
    return { kind: 'dense', values: a.values.map((v, i) => v + (b.values[i] ?? 0)) };
  if (a.kind === 'sparse' && b.kind === 'sparse') return addPacked(pack(a), pack(b)) ?? addObjects(a.terms, b.terms);
  throw new Error(`cannot add a ${b.kind} vector to a ${a.kind} vector`);
}

/** One plus the position of each term of the sum's first vector, by term id (0 elsewhere; cleared after each sum). */
let positions = new Int32Array(1024);

/** The packed sum, or undefined when the second brings a new array-index term (an object lists those first). */
function addPacked(a: Packed, b: Packed): PackedVector | undefined {
  if (positions.length < vocabularySize()) positions = new Int32Array(Math.max(vocabularySize(), positions.length * 2));
  for (let i = 0; i < a.ids.length; i++) positions[a.ids[i]!] = i + 1;
  let added = 0;
  for (let j = 0; j < b.ids.length; j++) if (!positions[b.ids[j]!]) added++;
  let sum: PackedVector | undefined;
  if (!b.ids.some((id) => !positions[id] && isIndexTerm(id))) {
    const ids = new Int32Array(a.ids.length + added);
    const weights = new Float64Array(ids.length);
    ids.set(a.ids);
    weights.set(a.weights);
    let k = a.ids.length;
    for (let j = 0; j < b.ids.length; j++) {
      const at = positions[b.ids[j]!]!;
      if (at) weights[at - 1]! += b.weights[j]!;
      else {
        ids[k] = b.ids[j]!;
        weights[k++] = 0 + b.weights[j]!;
      }
    }
    sum = new PackedVector(ids, weights);
  }
  for (let i = 0; i < a.ids.length; i++) positions[a.ids[i]!] = 0;
  return sum;
}

/** The sum through objects of terms (array-index terms take their place among the first), packed. */
function addObjects(a: Record<string, number>, b: Record<string, number>): Vector {
  const terms = { ...a };
  for (const [t, w] of Object.entries(b)) terms[t] = (terms[t] ?? 0) + w;
  return packedVector({ kind: 'sparse', terms });
}
