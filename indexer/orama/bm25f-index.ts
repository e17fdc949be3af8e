// An Orama index component (IIndex) for a large, static corpus.
//
// Why not Orama's default index: on this corpus (~250k chunks) it loses term frequency
// (tokens are de-duplicated), expands every query token by prefix ("inf" → info,
// information, ...), scores through per-token JS maps (seconds for common words), and its
// radix tree cannot be persisted at this size. This component keeps Orama's API (create,
// insertMultiple, search with boost/where/facets, save/load) and replaces the inside:
//  - build: postings are appended to flat typed-array logs, then frozen into CSR arrays
//    (per field: term → [doc ids], [term frequencies]);
//  - search: exact token lookups scored with BM25F (field-weighted, length-normalised term
//    frequency, one IDF per term over all fields), top candidates only;
//  - save/load: typed arrays, so the persisted form loads without parsing.
import type {
  AnyOrama,
  IIndex,
  SearchableType,
  SearchableValue,
  Tokenizer,
  TokenScore,
} from '@orama/orama';
import { GrowableUint32, GrowableUint16 } from './growable.ts';

/** BM25F settings per text field. */
export interface FieldSettings {
  /** Default weight when a search gives no boost for the field. */
  weight: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

export interface Bm25fConfig {
  fields: Record<string, FieldSettings>;
  /** Term-frequency saturation. */
  k1: number;
  /** How many best-scoring documents a search returns at most (before Orama's limit/offset). */
  candidateLimit: number;
  /**
   * Also match indexed terms that start with a query token (for autocomplete, where the
   * last word is still being typed). Off for question search: prefixes of "inf" are info,
   * information, ... and would drown the query.
   */
  prefixMatching?: boolean;
}

/** Prefix expansions per query token, and how much less an expansion counts than the exact term. */
const maxPrefixExpansions = 64;
const prefixExpansionFactor = 0.7;

interface FrozenField {
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  lengths: Uint16Array;
  averageLength: number;
}

interface EnumColumn {
  values: string[];
  /** Value index + 1 per internal document id (0 = no value). */
  perDoc: Uint16Array;
}

interface BuildLog {
  field: GrowableUint16;
  term: GrowableUint32;
  doc: GrowableUint32;
  tf: GrowableUint16;
  lengths: Map<string, GrowableUint16>;
  enumPerDoc: Map<string, GrowableUint16>;
}

export interface Bm25fIndexStore {
  config: Bm25fConfig;
  textFields: string[];
  enumFields: string[];
  terms: Map<string, number>;
  /** Number of distinct documents containing each term, over all fields. */
  documentFrequency: Uint32Array;
  frozen: Record<string, FrozenField> | undefined;
  enums: Record<string, EnumColumn>;
  maxDocId: number;
  build: BuildLog | undefined;
  /** Memoised where-filter id sets: filters repeat (area, kind), building them does not. */
  filterCache: Map<string, Set<number>>;
  /** Orama's full-text search reads this; there are no vector properties here. */
  vectorIndexes: Record<string, never>;
  /** With prefixMatching: term ids in the terms' alphabetical order. */
  sortedTerms: Uint32Array | undefined;
  termList: string[] | undefined;
}

/** The persisted form: plain data and typed arrays only. */
export interface SavedBm25fIndex {
  config: Bm25fConfig;
  textFields: string[];
  enumFields: string[];
  terms: string[];
  documentFrequency: Uint32Array;
  fields: Record<string, FrozenField>;
  enums: Record<string, EnumColumn>;
  maxDocId: number;
  sortedTerms?: Uint32Array;
}

const maxTf = 0xffff;

function newBuildLog(textFields: string[], enumFields: string[]): BuildLog {
  return {
    field: new GrowableUint16(1 << 20),
    term: new GrowableUint32(1 << 20),
    doc: new GrowableUint32(1 << 20),
    tf: new GrowableUint16(1 << 20),
    lengths: new Map(textFields.map((field) => [field, new GrowableUint16(1 << 16)])),
    enumPerDoc: new Map(enumFields.map((field) => [field, new GrowableUint16(1 << 16)])),
  };
}

function termIdFor(store: Bm25fIndexStore, token: string): number {
  let id = store.terms.get(token);
  if (id === undefined) {
    id = store.terms.size;
    store.terms.set(token, id);
  }
  return id;
}

function insertText(store: Bm25fIndexStore, field: string, docId: number, value: string, tokenizer: Tokenizer): void {
  const build = store.build;
  if (!build) throw new Error('This index was loaded from disk and is read-only.');
  const fieldId = store.textFields.indexOf(field);
  const tokens = tokenizer.tokenize(value, undefined, field, false);
  build.lengths.get(field)!.set(docId, Math.min(tokens.length, maxTf));
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const termId = termIdFor(store, token);
    counts.set(termId, (counts.get(termId) ?? 0) + 1);
  }
  for (const [termId, count] of counts) {
    build.field.push(fieldId);
    build.term.push(termId);
    build.doc.push(docId);
    build.tf.push(Math.min(count, maxTf));
  }
}

function insertEnum(store: Bm25fIndexStore, field: string, docId: number, value: string): void {
  const column = (store.enums[field] ??= { values: [], perDoc: new Uint16Array(0) });
  let index = column.values.indexOf(value);
  if (index < 0) index = column.values.push(value) - 1;
  store.build!.enumPerDoc.get(field)!.set(docId, index + 1);
}

/** Turns the append-only build log into per-field CSR postings (counting sort by term). */
export function freeze(store: Bm25fIndexStore): void {
  const build = store.build;
  if (!build || store.frozen) return;
  const termCount = store.terms.size;
  const postings = build.term.length;
  const fieldIds = build.field.view();
  const termIds = build.term.view();
  const docIds = build.doc.view();
  const tfs = build.tf.view();
  const frozen: Record<string, FrozenField> = {};
  store.textFields.forEach((field, fieldId) => {
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < postings; i += 1) if (fieldIds[i] === fieldId) offsets[termIds[i]! + 1]! += 1;
    for (let t = 0; t < termCount; t += 1) offsets[t + 1]! += offsets[t]!;
    const size = offsets[termCount]!;
    const docs = new Uint32Array(size);
    const fieldTfs = new Uint16Array(size);
    const cursor = offsets.slice(0, termCount);
    // The log is in insertion (document) order, so each term's doc list comes out sorted.
    for (let i = 0; i < postings; i += 1) {
      if (fieldIds[i] !== fieldId) continue;
      const at = cursor[termIds[i]!]!++;
      docs[at] = docIds[i]!;
      fieldTfs[at] = tfs[i]!;
    }
    const lengths = new Uint16Array(store.maxDocId + 1);
    lengths.set(build.lengths.get(field)!.view().subarray(0, store.maxDocId + 1));
    let total = 0;
    let counted = 0;
    for (let d = 1; d <= store.maxDocId; d += 1) {
      total += lengths[d]!;
      counted += 1;
    }
    frozen[field] = { offsets, docs, tfs: fieldTfs, lengths, averageLength: counted ? total / counted : 1 };
  });
  store.documentFrequency = documentFrequencies(store, frozen, termCount);
  for (const field of store.enumFields) {
    const perDoc = new Uint16Array(store.maxDocId + 1);
    perDoc.set(build.enumPerDoc.get(field)!.view().subarray(0, store.maxDocId + 1));
    (store.enums[field] ??= { values: [], perDoc }).perDoc = perDoc;
  }
  if (store.config.prefixMatching) {
    const list = [...store.terms.keys()];
    store.termList = list;
    store.sortedTerms = Uint32Array.from(list.keys()).sort((a, b) => (list[a]! < list[b]! ? -1 : list[a]! > list[b]! ? 1 : 0));
  }
  store.frozen = frozen;
  store.build = undefined;
}

/** The indexed terms a query token stands for, with how much each counts. */
function termExpansions(store: Bm25fIndexStore, token: string): Array<{ termId: number; factor: number }> {
  const expansions: Array<{ termId: number; factor: number }> = [];
  const exact = store.terms.get(token);
  if (exact !== undefined) expansions.push({ termId: exact, factor: 1 });
  const sorted = store.sortedTerms;
  const list = store.termList;
  if (!sorted || !list) return expansions;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[sorted[middle]!]! < token) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sorted.length && expansions.length <= maxPrefixExpansions; i += 1) {
    const termId = sorted[i]!;
    const term = list[termId]!;
    if (!term.startsWith(token)) break;
    if (termId !== exact) expansions.push({ termId, factor: prefixExpansionFactor });
  }
  return expansions;
}

/** Distinct documents per term over all fields (a term in title and body counts once). */
function documentFrequencies(store: Bm25fIndexStore, fields: Record<string, FrozenField>, termCount: number): Uint32Array {
  const df = new Uint32Array(termCount);
  const lastSeen = new Uint32Array(store.maxDocId + 1);
  const all = Object.values(fields);
  for (let t = 0; t < termCount; t += 1) {
    let count = 0;
    const stamp = t + 1;
    for (const field of all) {
      for (let i = field.offsets[t]!; i < field.offsets[t + 1]!; i += 1) {
        const doc = field.docs[i]!;
        if (lastSeen[doc] !== stamp) {
          lastSeen[doc] = stamp;
          count += 1;
        }
      }
    }
    df[t] = count;
  }
  return df;
}

/** Reusable per-search scratch space sized to the collection. */
class Scratch {
  accumulated: Float32Array;
  score: Float32Array;
  matchedTerms: Uint8Array;
  termDocs: Uint32Array;
  matchedDocs: Uint32Array;
  /** Which query token last matched each document (stamps avoid clearing per token). */
  tokenStamps: Uint32Array;
  stampCounter = 0;
  constructor(size: number) {
    this.tokenStamps = new Uint32Array(size);
    this.accumulated = new Float32Array(size);
    this.score = new Float32Array(size);
    this.matchedTerms = new Uint8Array(size);
    this.termDocs = new Uint32Array(size);
    this.matchedDocs = new Uint32Array(size);
  }
}
const scratchByStore = new WeakMap<Bm25fIndexStore, Scratch>();

export interface ScoredDocument {
  id: number;
  score: number;
  /** How many distinct query tokens the document contains. */
  matchedTerms: number;
}

/**
 * BM25F over the given tokens. Returns the best `limit` documents, best first.
 * `weights` overrides field weights (0 leaves a field out).
 */
export function scoreTokens(
  store: Bm25fIndexStore,
  tokens: readonly string[],
  weights: Partial<Record<string, number>>,
  allowed: ((docId: number) => boolean) | undefined,
  limit: number,
): ScoredDocument[] {
  freeze(store);
  const frozen = store.frozen!;
  const size = store.maxDocId + 1;
  let scratch = scratchByStore.get(store);
  if (!scratch || scratch.score.length !== size) {
    scratch = new Scratch(size);
    scratchByStore.set(store, scratch);
  }
  const { accumulated, score, matchedTerms, termDocs, matchedDocs, tokenStamps } = scratch;
  const { k1 } = store.config;
  const totalDocs = Math.max(1, store.maxDocId);
  let matchedCount = 0;
  for (const token of new Set(tokens)) {
    const stamp = ++scratch.stampCounter;
    for (const { termId, factor } of termExpansions(store, token)) {
      const df = store.documentFrequency[termId]!;
      const idf = Math.log(1 + (totalDocs - df + 0.5) / (df + 0.5));
      let termDocCount = 0;
      for (const field of store.textFields) {
        const weight = weights[field] ?? store.config.fields[field]?.weight ?? 1;
        if (weight <= 0) continue;
        const b = store.config.fields[field]?.b ?? 0.75;
        const postings = frozen[field]!;
        const { offsets, docs, tfs, lengths, averageLength } = postings;
        const end = offsets[termId + 1]!;
        for (let i: number = offsets[termId]!; i < end; i += 1) {
          const doc = docs[i]!;
          const norm = 1 - b + (b * lengths[doc]!) / averageLength;
          if (accumulated[doc] === 0) termDocs[termDocCount++] = doc;
          accumulated[doc]! += (weight * tfs[i]!) / norm;
        }
      }
      for (let i = 0; i < termDocCount; i += 1) {
        const doc = termDocs[i]!;
        const tf = accumulated[doc]!;
        accumulated[doc] = 0;
        if (matchedTerms[doc] === 0) matchedDocs[matchedCount++] = doc;
        // A query token counts once per document, however many of its expansions match.
        if (tokenStamps[doc] !== stamp) {
          tokenStamps[doc] = stamp;
          matchedTerms[doc]! += 1;
        }
        score[doc]! += (factor * idf * tf * (k1 + 1)) / (k1 + tf);
      }
    }
  }
  const best = new TopK(limit);
  // Typing "create dev" means titles with both words: with prefix matching (autocomplete)
  // a title matching only some of the words ranks below those matching all of them.
  const queryTokenCount = new Set(tokens).size;
  const coordinate = store.config.prefixMatching === true && queryTokenCount > 1;
  for (let i = 0; i < matchedCount; i += 1) {
    const doc = matchedDocs[i]!;
    const coordination = coordinate ? (matchedTerms[doc]! / queryTokenCount) ** 2 : 1;
    if (!allowed || allowed(doc)) best.offer(doc, score[doc]! * coordination, matchedTerms[doc]!);
    score[doc] = 0;
    matchedTerms[doc] = 0;
  }
  return best.sorted();
}

/** Keeps the `limit` highest scores seen, in a min-heap. */
class TopK {
  private readonly heap: ScoredDocument[] = [];
  constructor(private readonly limit: number) {}
  offer(id: number, score: number, matchedTerms: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ id, score, matchedTerms });
      this.up(heap.length - 1);
    } else if (this.limit > 0 && score > heap[0]!.score) {
      heap[0] = { id, score, matchedTerms };
      this.down(0);
    }
  }
  sorted(): ScoredDocument[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.id - b.id);
  }
  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.score <= heap[i]!.score) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }
  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.score < heap[smallest]!.score) smallest = left;
      if (right < heap.length && heap[right]!.score < heap[smallest]!.score) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
}

/** Document ids whose enum field equals one of the values. */
function enumFilter(store: Bm25fIndexStore, field: string, wanted: string[]): Set<number> {
  const key = `${field}\u0000${wanted.join('\u0000')}`;
  const cached = store.filterCache.get(key);
  if (cached) return cached;
  freeze(store);
  const column = store.enums[field];
  const ids = new Set<number>();
  if (column) {
    const wantedIndexes = new Set(wanted.map((value) => column.values.indexOf(value) + 1).filter((i) => i > 0));
    column.perDoc.forEach((valueIndex, doc) => {
      if (wantedIndexes.has(valueIndex)) ids.add(doc);
    });
  }
  store.filterCache.set(key, ids);
  return ids;
}

/** The value of an enum field for a document (used by the answer layer and facets). */
export function enumValue(store: Bm25fIndexStore, field: string, docId: number): string | undefined {
  freeze(store);
  const column = store.enums[field];
  const index = column?.perDoc[docId] ?? 0;
  return index > 0 ? column!.values[index - 1] : undefined;
}

export function createBm25fIndex(config: Bm25fConfig): IIndex<Bm25fIndexStore> {
  return {
    create(_orama: AnyOrama, _ids, schema): Bm25fIndexStore {
      const textFields: string[] = [];
      const enumFields: string[] = [];
      for (const [field, type] of Object.entries(schema as Record<string, unknown>)) {
        if (type === 'string') textFields.push(field);
        else if (type === 'enum') enumFields.push(field);
        else throw new Error(`bm25f index: unsupported schema type ${String(type)} for ${field}`);
      }
      return {
        config,
        textFields,
        enumFields,
        terms: new Map(),
        documentFrequency: new Uint32Array(0),
        frozen: undefined,
        enums: {},
        maxDocId: 0,
        build: newBuildLog(textFields, enumFields),
        filterCache: new Map(),
        vectorIndexes: {},
        sortedTerms: undefined,
        termList: undefined,
      };
    },
    insert(_impl, store, prop, _id, internalId, value: SearchableValue, schemaType: SearchableType, _language, tokenizer) {
      if (store.frozen) throw new Error('bm25f index: inserts after the first search or save are not supported.');
      store.maxDocId = Math.max(store.maxDocId, internalId);
      if (schemaType === 'string') insertText(store, prop, internalId, String(value), tokenizer);
      else if (schemaType === 'enum') insertEnum(store, prop, internalId, String(value));
    },
    remove() {
      throw new Error('bm25f index: the corpus index is rebuilt, never edited in place.');
    },
    insertDocumentScoreParameters() {},
    insertTokenScoreParameters() {},
    removeDocumentScoreParameters() {},
    removeTokenScoreParameters() {},
    calculateResultScores() {},
    search(store, term, tokenizer, _language, properties, _exact, _tolerance, boost, _relevance, _docsCount, whereFilterIds): TokenScore[] {
      const s = store as unknown as Bm25fIndexStore;
      const weights: Record<string, number> = {};
      for (const field of s.textFields) {
        weights[field] = properties.includes(field) ? (boost as Record<string, number>)[field] ?? s.config.fields[field]?.weight ?? 1 : 0;
      }
      // Query tokens include identifier parts: they match the fields that index parts.
      const tokens = tokenizer.tokenize(term, undefined, undefined, false);
      const allowed = whereFilterIds ? (doc: number) => whereFilterIds.has(doc) : undefined;
      return scoreTokens(s, tokens, weights, allowed, s.config.candidateLimit).map((hit) => [hit.id, hit.score]);
    },
    searchByWhereClause(store, _tokenizer, filters) {
      const s = store as unknown as Bm25fIndexStore;
      let result: Set<number> | undefined;
      for (const [field, condition] of Object.entries(filters as Record<string, unknown>)) {
        if (!s.enumFields.includes(field)) throw new Error(`bm25f index: cannot filter on ${field}`);
        const c = condition as { eq?: string; in?: string[] } | string;
        const wanted = typeof c === 'string' ? [c] : c.eq !== undefined ? [c.eq] : (c.in ?? []);
        const ids = enumFilter(s, field, wanted);
        result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
      }
      return result ?? new Set();
    },
    getSearchableProperties(store) {
      return [...store.textFields, ...store.enumFields];
    },
    getSearchablePropertiesWithTypes(store) {
      const types: Record<string, SearchableType> = {};
      for (const field of store.textFields) types[field] = 'string';
      for (const field of store.enumFields) types[field] = 'enum';
      return types;
    },
    save<R>(store: Bm25fIndexStore): R {
      freeze(store);
      const saved: SavedBm25fIndex = {
        config: store.config,
        textFields: store.textFields,
        enumFields: store.enumFields,
        terms: [...store.terms.keys()],
        documentFrequency: store.documentFrequency,
        fields: store.frozen!,
        enums: store.enums,
        maxDocId: store.maxDocId,
        ...(store.sortedTerms ? { sortedTerms: store.sortedTerms } : {}),
      };
      return saved as R;
    },
    load<R>(_ids: unknown, raw: R): Bm25fIndexStore {
      const saved = raw as SavedBm25fIndex;
      const terms = new Map<string, number>();
      saved.terms.forEach((term, index) => terms.set(term, index));
      return {
        config: saved.config,
        textFields: saved.textFields,
        enumFields: saved.enumFields,
        terms,
        documentFrequency: saved.documentFrequency,
        frozen: saved.fields,
        enums: saved.enums,
        maxDocId: saved.maxDocId,
        build: undefined,
        filterCache: new Map(),
        vectorIndexes: {},
        sortedTerms: saved.sortedTerms,
        termList: saved.sortedTerms ? saved.terms : undefined,
      };
    },
  } as IIndex<Bm25fIndexStore>;
}
