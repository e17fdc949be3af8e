// Storage of the BM25F index: postings appended to flat typed-array logs while the corpus
// is inserted, frozen into compressed sparse rows (per field: term → [doc ids], [term
// frequencies]) before the first search, and saved/loaded as plain data and typed arrays
// (without prefix matching, the saved postings are merged across fields: merged-postings.ts).
import type { Tokenizer } from '@orama/orama';
import { GrowableUint16, GrowableUint32 } from './growable.ts';
import { type MergedPostings, mergePostings } from './merged-postings.ts';

/** BM25F settings per text field. */
interface FieldSettings {
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

export interface FrozenField {
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
  /** Per-field postings: kept while building; a loaded store with merged postings has none. */
  frozen: Record<string, FrozenField> | undefined;
  /** Without prefixMatching: the postings merged across fields at the configured weights. */
  merged: MergedPostings | undefined;
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
interface SavedBm25fIndex {
  config: Bm25fConfig;
  textFields: string[];
  enumFields: string[];
  terms: string[];
  documentFrequency: Uint32Array;
  fields: Record<string, FrozenField>;
  enums: Record<string, EnumColumn>;
  maxDocId: number;
  sortedTerms?: Uint32Array;
  merged?: MergedPostings;
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

/** An empty store, ready for inserts. */
export function createStore(config: Bm25fConfig, textFields: string[], enumFields: string[]): Bm25fIndexStore {
  return {
    config,
    textFields,
    enumFields,
    terms: new Map(),
    documentFrequency: new Uint32Array(0),
    frozen: undefined,
    merged: undefined,
    enums: {},
    maxDocId: 0,
    build: newBuildLog(textFields, enumFields),
    filterCache: new Map(),
    vectorIndexes: {},
    sortedTerms: undefined,
    termList: undefined,
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

export function insertText(store: Bm25fIndexStore, field: string, docId: number, value: string, tokenizer: Tokenizer): void {
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

export function insertEnum(store: Bm25fIndexStore, field: string, docId: number, value: string): void {
  const column = (store.enums[field] ??= { values: [], perDoc: new Uint16Array(0) });
  let index = column.values.indexOf(value);
  if (index < 0) index = column.values.push(value) - 1;
  store.build!.enumPerDoc.get(field)!.set(docId, index + 1);
}

/** Turns the append-only build log into per-field CSR postings (counting sort by term). */
export function freeze(store: Bm25fIndexStore): void {
  const build = store.build;
  if (!build || store.frozen) return;
  const frozen: Record<string, FrozenField> = {};
  store.textFields.forEach((field, fieldId) => {
    frozen[field] = freezeField(store, build, field, fieldId);
  });
  store.documentFrequency = documentFrequencies(store, frozen, store.terms.size);
  for (const field of store.enumFields) {
    const perDoc = new Uint16Array(store.maxDocId + 1);
    perDoc.set(
      build.enumPerDoc
        .get(field)!
        .view()
        .subarray(0, store.maxDocId + 1),
    );
    (store.enums[field] ??= { values: [], perDoc }).perDoc = perDoc;
  }
  if (store.config.prefixMatching) {
    const list = [...store.terms.keys()];
    store.termList = list;
    store.sortedTerms = Uint32Array.from(list.keys()).sort((a, b) => (list[a]! < list[b]! ? -1 : list[a]! > list[b]! ? 1 : 0));
  }
  if (!store.config.prefixMatching) store.merged = mergePostings(store.config, frozen, store.terms.size, store.maxDocId);
  store.frozen = frozen;
  store.build = undefined;
}

function freezeField(store: Bm25fIndexStore, build: BuildLog, field: string, fieldId: number): FrozenField {
  const termCount = store.terms.size;
  const postings = build.term.length;
  const fieldIds = build.field.view();
  const termIds = build.term.view();
  const docIds = build.doc.view();
  const tfs = build.tf.view();
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
  lengths.set(
    build.lengths
      .get(field)!
      .view()
      .subarray(0, store.maxDocId + 1),
  );
  let total = 0;
  let counted = 0;
  for (let d = 1; d <= store.maxDocId; d += 1) {
    total += lengths[d]!;
    counted += 1;
  }
  return { offsets, docs, tfs: fieldTfs, lengths, averageLength: counted ? total / counted : 1 };
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

/** Document ids whose enum field equals one of the values. */
export function enumFilter(store: Bm25fIndexStore, field: string, wanted: string[]): Set<number> {
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

/**
 * The persisted store. With merged postings the per-field ones are left out: a loaded index
 * is searched at its configured weights over all its fields (what every question search
 * does), and each copy of the index in memory (one per engine thread) is ~50 MB smaller.
 */
export function saveStore(store: Bm25fIndexStore): SavedBm25fIndex {
  freeze(store);
  return {
    config: store.config,
    textFields: store.textFields,
    enumFields: store.enumFields,
    terms: [...store.terms.keys()],
    documentFrequency: store.documentFrequency,
    fields: store.merged ? {} : store.frozen!,
    enums: store.enums,
    maxDocId: store.maxDocId,
    ...(store.sortedTerms ? { sortedTerms: store.sortedTerms } : {}),
    ...(store.merged ? { merged: store.merged } : {}),
  };
}

export function loadStore(saved: SavedBm25fIndex): Bm25fIndexStore {
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
    merged: saved.merged,
    termList: saved.sortedTerms ? saved.terms : undefined,
  };
}
