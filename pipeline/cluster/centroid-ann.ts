// Approximate nearest neighbours over dense cluster centroids (HNSW, hnswlib-node), one graph per language.
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

/** HNSW parameters; the defaults give a recall of the best candidate ≥ 0.99 in `npm run bench:pipeline`. */
export interface AnnOptions {
  /** Links per node. @defaultValue 16 */
  m?: number;
  /** Breadth of the search while a node is linked in. @defaultValue 100 */
  efConstruction?: number;
  /** Breadth of a query's search (raised to `k` when smaller). @defaultValue 64 */
  efSearch?: number;
  /** Nodes the graph has room for before it is grown (doubled). @defaultValue 1024 */
  initialCapacity?: number;
}

/** One language's centroids: the graph and the labels of its nodes. */
interface LanguageGraph {
  graph: Graph;
  dimensions: number;
  /** Label of each cluster's centroid in this graph. */
  labels: Map<string, number>;
  /** Cluster id of each label (labels are never reused for another cluster while it lives). */
  ids: Map<number, string>;
  /** What the stored centroid was made of: it is re-linked only when it changed. */
  fingerprints: Map<string, string>;
  /** Deleted nodes whose slots the next new centroid takes. */
  deleted: number;
}

/**
 * Every cluster's centroid of each language, as a node of that language's HNSW graph (cosine distance).
 * A centroid that changed is re-linked in place, one that is gone is marked deleted (its slot is reused),
 * so the graphs follow the clusters as articles arrive and clusters merge. A query returns the clusters
 * of the k nearest centroids in each language's graph.
 */
export class CentroidAnn {
  private readonly graphs = new Map<string, LanguageGraph>();
  private nextLabel = 0;
  private readonly m: number;
  private readonly efConstruction: number;
  private readonly efSearch: number;
  private readonly initialCapacity: number;

  constructor(options: AnnOptions = {}) {
    this.m = options.m ?? 16;
    this.efConstruction = options.efConstruction ?? 100;
    this.efSearch = options.efSearch ?? 64;
    this.initialCapacity = options.initialCapacity ?? 1024;
  }

  /**
   * Makes a cluster's nodes its current centroids: `centroids` maps a language to its centroid (a sum of
   * article vectors; its length does not matter), and `counts` how many articles made it, so an unchanged
   * centroid is left alone. Languages it no longer has are removed.
   */
  set(id: string, centroids: Record<string, { values: number[]; count: number }>): void {
    for (const [lang, g] of this.graphs) if (!centroids[lang]) this.removeFrom(g, id);
    for (const [lang, { values, count }] of Object.entries(centroids)) {
      const g = this.graphFor(lang, values.length);
      if (values.length !== g.dimensions) {
        throw new Error(
          `cluster ${id}: a ${lang} centroid of ${values.length} dimensions, but the index holds ${g.dimensions}`,
        );
      }
      const fingerprint = `${count}:${values[0]}:${values[values.length - 1]}`;
      if (g.fingerprints.get(id) === fingerprint) continue;
      let label = g.labels.get(id);
      if (label === undefined) {
        label = this.nextLabel++;
        if (!g.deleted && g.graph.getCurrentCount() >= g.graph.getMaxElements())
          g.graph.resizeIndex(g.graph.getMaxElements() * 2);
        g.graph.addPoint(values, label, g.deleted > 0);
        if (g.deleted) g.deleted--;
        g.labels.set(id, label);
        g.ids.set(label, id);
      } else {
        // An existing label: hnswlib moves the node and re-links its neighbourhood.
        g.graph.addPoint(values, label);
      }
      g.fingerprints.set(id, fingerprint);
    }
  }

  /** Removes a cluster's nodes from every graph. */
  remove(id: string): void {
    for (const g of this.graphs.values()) this.removeFrom(g, id);
  }

  /** How many centroids the graphs hold (deleted ones not counted). */
  get size(): number {
    let n = 0;
    for (const g of this.graphs.values()) n += g.labels.size;
    return n;
  }

  /**
   * The clusters owning the `k` centroids nearest to `vector` in each language's graph (those of
   * other languages count, since a cluster without the article's language is compared across
   * languages), keeping only clusters that `accept` lets through.
   */
  nearest(vector: number[], k: number, accept?: (id: string) => boolean): Set<string> {
    const found = new Set<string>();
    for (const g of this.graphs.values()) {
      if (!g.labels.size) continue;
      if (vector.length !== g.dimensions) {
        throw new Error(`a query of ${vector.length} dimensions, but the index holds ${g.dimensions}`);
      }
      const n = Math.min(k, g.labels.size);
      g.graph.setEf(Math.max(this.efSearch, n));
      const filter = accept && ((label: number) => accept(g.ids.get(label)!));
      for (const label of g.graph.searchKnn(vector, n, filter).neighbors) found.add(g.ids.get(label)!);
    }
    return found;
  }

  private graphFor(lang: string, dimensions: number): LanguageGraph {
    let g = this.graphs.get(lang);
    if (!g) {
      const graph = new HierarchicalNSW('cosine', dimensions);
      // A fixed seed: the same arrivals build the same graph, so assignment is repeatable.
      graph.initIndex({
        maxElements: this.initialCapacity,
        m: this.m,
        efConstruction: this.efConstruction,
        randomSeed: 100,
        allowReplaceDeleted: true,
      });
      this.graphs.set(
        lang,
        (g = { graph, dimensions, labels: new Map(), ids: new Map(), fingerprints: new Map(), deleted: 0 }),
      );
    }
    return g;
  }

  private removeFrom(g: LanguageGraph, id: string): void {
    const label = g.labels.get(id);
    if (label === undefined) return;
    g.graph.markDelete(label);
    g.deleted++;
    g.labels.delete(id);
    g.ids.delete(label);
    g.fingerprints.delete(id);
  }
}
