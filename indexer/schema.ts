// The two Orama databases and their one shared configuration, used both when building and
// when loading (Orama's restore() would come back with a placeholder schema and the
// default tokenizer, so loading always goes through create(sameConfig) + load()).
import { create, type Orama } from '@orama/orama';
import { type Bm25fConfig, type Bm25fIndexStore, type Bm25fScorer, createBm25fIndex } from './orama/bm25f-index.ts';
import { createChunkStore, type ChunkStoreData } from './orama/chunk-store.ts';
import { createOramaTokenizer, createPrefixTokenizer } from './tokenizer.ts';

/** Searchable chunk fields, from the most to the least telling. */
const chunkSchema = {
  /** Page title and API names. */
  title: 'string',
  /** The section's heading path. */
  headings: 'string',
  /** Page keywords and description: the page's own summary of what it is about. */
  meta: 'string',
  /** The chunk's text. */
  body: 'string',
  areaId: 'enum',
  kind: 'enum',
} as const;

export const chunkIndexConfig: Bm25fConfig = {
  fields: {
    // A match in the page title (and API names) counts most, then the section heading,
    // then the page's own summary, then the text; b discounts long fields.
    title: { weight: 4, b: 0.3 },
    headings: { weight: 2, b: 0.3 },
    meta: { weight: 1.5, b: 0.5 },
    body: { weight: 1, b: 0.75 },
  },
  k1: 1.2,
  // The question search takes its best 400 chunks (pageSignals.chunkPool); scoring fewer
  // candidates lets it skip more documents that cannot make the cut.
  candidateLimit: 400,
};

export type ChunkDb = Orama<typeof chunkSchema, Bm25fIndexStore, ChunkStoreData>;

/** A chunk database; without a scorer it can be filled and saved but not searched. */
export function createChunkDb(scorer?: Bm25fScorer): ChunkDb {
  return create({
    schema: chunkSchema,
    sort: { enabled: false },
    components: {
      tokenizer: createOramaTokenizer(['title']),
      index: createBm25fIndex(chunkIndexConfig, scorer),
      documentsStore: createChunkStore(),
    },
  }) as unknown as ChunkDb;
}

/**
 * Small database for autocomplete: page titles and API names, matched by prefix (the last
 * word is usually half typed). It uses the same index component, with prefix matching, so
 * that it persists as typed arrays too: Orama's default index for it is 35 MB of nested
 * JSON that takes seconds to parse.
 */
const titleSchema = {
  title: 'string',
  names: 'string',
  kind: 'enum',
} as const;

const titleIndexConfig: Bm25fConfig = {
  fields: {
    title: { weight: 1, b: 0.5 },
    names: { weight: 2, b: 0.2 },
  },
  k1: 1.2,
  candidateLimit: 200,
  prefixMatching: true,
};

export type TitleDb = Orama<typeof titleSchema, Bm25fIndexStore>;

export function createTitleDb(scorer?: Bm25fScorer): TitleDb {
  return create({
    schema: titleSchema,
    sort: { enabled: false },
    components: { tokenizer: createPrefixTokenizer(), index: createBm25fIndex(titleIndexConfig, scorer) },
  }) as unknown as TitleDb;
}
