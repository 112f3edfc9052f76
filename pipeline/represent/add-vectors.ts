/** Vector addition: the running sums behind cluster centroids and storyline memories. */
import type { Vector } from '../types.js';

/** The sum of two vectors of the same kind (a new vector; neither is changed). */
export function addVectors(a: Vector, b: Vector): Vector {
  if (a.kind === 'dense' && b.kind === 'dense')
    return { kind: 'dense', values: a.values.map((v, i) => v + (b.values[i] ?? 0)) };
  if (a.kind === 'sparse' && b.kind === 'sparse') {
    const terms = { ...a.terms };
    for (const [t, w] of Object.entries(b.terms)) terms[t] = (terms[t] ?? 0) + w;
    return { kind: 'sparse', terms };
  }
  throw new Error(`cannot add a ${b.kind} vector to a ${a.kind} vector`);
}
