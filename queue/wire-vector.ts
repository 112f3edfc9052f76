// Vectors as they travel in ClusterItem payloads: weights as base64 of typed arrays, not JSON number lists.
import type { Vector } from '../pipeline/types.js';

/**
 * A vector in a job payload. Sparse: the terms and, in the same order, their weights as a base64
 * little-endian Int32Array of the weights × 10⁴ when every weight has at most four decimals (the lexical
 * representation's), else as a Float64Array. Dense: the values as a base64 Float32Array when every value is a
 * 32-bit float (a model's output), else Float64Array. All of them are exact: the writer stores what the ingest
 * worker made. Little-endian, as every host Node supports is.
 */
export type WireVector =
  | { kind: 'sparse'; terms: string[]; e4: string }
  | { kind: 'sparse'; terms: string[]; f64: string }
  | { kind: 'dense'; f32: string }
  | { kind: 'dense'; f64: string };

/** Weights of four decimals travel as integers: k / 10⁴ is the same double as the decimal the weight was read from. */
const SCALE = 1e4;

const base64 = (array: Int32Array | Float32Array | Float64Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** A vector for a payload. */
export function toWire(vector: Vector): WireVector {
  if (vector.kind === 'sparse') {
    const terms = Object.keys(vector.terms);
    const weights = terms.map((t) => vector.terms[t]!);
    const scaled = Int32Array.from(weights, (w) => Math.round(w * SCALE));
    return scaled.every((k, i) => k / SCALE === weights[i])
      ? { kind: 'sparse', terms, e4: base64(scaled) }
      : { kind: 'sparse', terms, f64: base64(Float64Array.from(weights)) };
  }
  const f32 = Float32Array.from(vector.values);
  return f32.every((v, i) => v === vector.values[i])
    ? { kind: 'dense', f32: base64(f32) }
    : { kind: 'dense', f64: base64(Float64Array.from(vector.values)) };
}

/** The bytes of a base64 typed array, as an aligned array of its type (copied out, whatever the buffer's offset). */
function typed(text: string, type: 'i32' | 'f32' | 'f64', what: string): Int32Array | Float32Array | Float64Array {
  const raw = Buffer.from(text, 'base64');
  const bytes = type === 'f64' ? 8 : 4;
  if (raw.length % bytes)
    throw new Error(`${what}: ${raw.length} bytes is not a whole number of ${bytes * 8}-bit numbers`);
  const n = raw.length / bytes;
  const array = type === 'f64' ? new Float64Array(n) : type === 'f32' ? new Float32Array(n) : new Int32Array(n);
  new Uint8Array(array.buffer).set(raw);
  return array;
}

/** The numbers of a base64 typed array; throws when one is not finite. */
function numbers(text: string, type: 'f32' | 'f64', what: string): number[] {
  const values = Array.from(typed(text, type, what));
  if (!values.every(Number.isFinite)) throw new Error(`${what}: a weight is not a finite number`);
  return values;
}

/** The vector a payload carries; throws, saying what is wrong, when it is not one. */
export function fromWire(wire: WireVector): Vector {
  if (wire.kind === 'sparse') {
    // Weights of four decimals are integers / 10⁴ (always finite); others are doubles, checked one by one.
    const e4 = 'e4' in wire;
    const weights = e4 ? typed(wire.e4, 'i32', 'vector.e4') : typed(wire.f64, 'f64', 'vector.f64');
    if (weights.length !== wire.terms.length)
      throw new Error(`vector: ${wire.terms.length} terms but ${weights.length} weights`);
    // Built by assignment in the terms' order, as Object.fromEntries would (a term named "__proto__" is
    // defined as an own property, as fromEntries does, not set as the prototype).
    const terms: Record<string, number> = {};
    for (let i = 0; i < weights.length; i++) {
      const weight = e4 ? weights[i]! / SCALE : weights[i]!;
      if (!Number.isFinite(weight)) throw new Error('vector.f64: a weight is not a finite number');
      const term = wire.terms[i]!;
      if (term === '__proto__')
        Object.defineProperty(terms, term, { value: weight, enumerable: true, writable: true, configurable: true });
      else terms[term] = weight;
    }
    return { kind: 'sparse', terms };
  }
  return {
    kind: 'dense',
    values: 'f32' in wire ? numbers(wire.f32, 'f32', 'vector.f32') : numbers(wire.f64, 'f64', 'vector.f64'),
  };
}
