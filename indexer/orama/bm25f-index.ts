// An Orama index component (IIndex) for a large, static corpus.
//
// Why not Orama's default index: on this corpus (~250k chunks) it loses term frequency
// (tokens are de-duplicated), expands every query token by prefix ("inf" → info,
// information, ...), scores through per-token JS maps (seconds for common words), and its
// radix tree cannot be persisted at this size. This component keeps Orama's API (create,
// insertMultiple, search with boost/where/facets, save/load) and replaces the inside, as
// Orama keeps its algorithms apart from its index:
//  - storage (bm25f-store.ts): flat posting logs frozen into CSR arrays per field, saved as
//    typed arrays merged across fields (merged-postings.ts);
//  - scoring (bm25f-scoring.ts): exact token lookups scored with BM25F, top candidates only.
// Scoring is handed in by whoever searches (load-index.ts): building an index never scores,
// so the index file's code key (persist/code-key.ts) does not change when scoring does.
import type { AnyOrama, IIndex, SearchableType, SearchableValue, TokenScore } from '@orama/orama';
import {
  type Bm25fConfig,
  type Bm25fIndexStore,
  createStore,
  enumFilter,
  insertEnum,
  insertText,
  loadStore,
  saveStore,
} from './bm25f-store.ts';

export type { Bm25fConfig, Bm25fIndexStore } from './bm25f-store.ts';

export interface ScoredDocument {
  id: number;
  score: number;
}

/** Ranks the documents matching the tokens: the best `limit`, best first (bm25f-scoring.ts). */
export type Bm25fScorer = (
  store: Bm25fIndexStore,
  tokens: readonly string[],
  weights: Partial<Record<string, number>>,
  allowed: ((docId: number) => boolean) | undefined,
  limit: number,
) => ScoredDocument[];

function buildOnly(): never {
  throw new Error('bm25f index: this database was created for building; open it with a scorer to search it.');
}

export function createBm25fIndex(config: Bm25fConfig, scorer: Bm25fScorer = buildOnly): IIndex<Bm25fIndexStore> {
  return {
    create(_orama: AnyOrama, _ids, schema): Bm25fIndexStore {
      const textFields: string[] = [];
      const enumFields: string[] = [];
      for (const [field, type] of Object.entries(schema as Record<string, unknown>)) {
        if (type === 'string') textFields.push(field);
        else if (type === 'enum') enumFields.push(field);
        else throw new Error(`bm25f index: unsupported schema type ${String(type)} for ${field}`);
      }
      return createStore(config, textFields, enumFields);
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
    search(store, term, tokenizer, _language, properties, _exact, _tolerance, boost, _relevance, _docsCount, whereFilterIds) {
      // Query tokens include identifier parts: they match the fields that index parts.
      const tokens = tokenizer.tokenize(term, undefined, undefined, false);
      return searchTokens(scorer, store as unknown as Bm25fIndexStore, tokens, properties, boost as Record<string, number>, whereFilterIds);
    },
    searchByWhereClause(store, _tokenizer, filters) {
      return whereClauseIds(store as unknown as Bm25fIndexStore, filters as Record<string, unknown>);
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
      return saveStore(store) as R;
    },
    load<R>(_ids: unknown, raw: R): Bm25fIndexStore {
      return loadStore(raw as Parameters<typeof loadStore>[0]);
    },
  } as IIndex<Bm25fIndexStore>;
}

/** Orama's search: fields not searched weigh 0, boosts override the configured weights. */
function searchTokens(
  scorer: Bm25fScorer,
  store: Bm25fIndexStore,
  tokens: readonly string[],
  properties: readonly string[],
  boost: Record<string, number>,
  whereFilterIds: Set<number> | undefined,
): TokenScore[] {
  const weights: Record<string, number> = {};
  for (const field of store.textFields) {
    weights[field] = properties.includes(field) ? (boost[field] ?? store.config.fields[field]?.weight ?? 1) : 0;
  }
  const allowed = whereFilterIds ? (doc: number) => whereFilterIds.has(doc) : undefined;
  return scorer(store, tokens, weights, allowed, store.config.candidateLimit).map((hit) => [hit.id, hit.score]);
}

/** Documents matching every enum condition ({ eq }, { in } or a bare value). */
function whereClauseIds(store: Bm25fIndexStore, filters: Record<string, unknown>): Set<number> {
  let result: Set<number> | undefined;
  for (const [field, condition] of Object.entries(filters)) {
    if (!store.enumFields.includes(field)) throw new Error(`bm25f index: cannot filter on ${field}`);
    const c = condition as { eq?: string; in?: string[] } | string;
    const wanted = typeof c === 'string' ? [c] : c.eq !== undefined ? [c.eq] : (c.in ?? []);
    const ids = enumFilter(store, field, wanted);
    result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
  }
  return result ?? new Set();
}
