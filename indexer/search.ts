// The query side of the index: chunks ranked by Orama (BM25F component), then grouped so
// each page appears once with its best sections.
import { search } from '@orama/orama';
import type { ChunkDocument } from './orama/chunk-store.ts';
import type { LoadedIndex } from './load-index.ts';
import type { PageKind } from './model.ts';
import type { PageRecord } from './page-record.ts';
import { chunkIndexConfig } from './schema.ts';
import { glossaryExpansions } from './glossary.ts';
import { termWeights } from './term-weights.ts';
import { queryTokens, tokenize } from './tokenizer.ts';

export interface SearchOptions {
  area?: string;
  kind?: PageKind;
  /** Pages to return. */
  limit?: number;
  offset?: number;
  /** Best chunks kept per page. */
  chunksPerPage?: number;
}

export interface ChunkHit extends ChunkDocument {
  score: number;
}

export interface PageResult {
  pageIndex: number;
  page: PageRecord;
  score: number;
  /** Best chunks of the page for the query, best first. */
  chunks: ChunkHit[];
}

/** Chunks fetched from Orama before grouping: enough to fill pages past the first few. */
const chunkPool = 400;
/** A page's further matching sections add a little: a page about the topic beats a passing mention. */
const secondChunkShare = 0.15;
/** A page whose API name the query spells out exactly is what the user asked for. */
const exactApiNameBoost = 1.6;
/** Lift for articles when the question names no identifier (see searchPages). */
const conceptPrior = 0.2;
/** Largest lift a page gets when the query contains its whole title. */
const titleCoverageBoost = 0.3;

/** Lower-cased API name → pages documenting it (built once per loaded index). */
const apiNameMaps = new WeakMap<LoadedIndex, Map<string, number[]>>();
/** Names that are identifiers (IoQueueWorkItem, IRP_MN_REMOVE_DEVICE), not plain words. */
const identifierName = /[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]|^[A-Z][A-Z0-9]{3,}$/;

export function apiNameMap(index: LoadedIndex): Map<string, number[]> {
  let map = apiNameMaps.get(index);
  if (!map) {
    const built = new Map<string, number[]>();
    index.pages.forEach((page, pageIndex) => {
      if (!page.api || page.api.kind === 'header') return;
      for (const name of page.api.names) {
        if (!identifierName.test(name)) continue;
        const key = name.toLowerCase();
        const list = built.get(key);
        if (list) list.push(pageIndex);
        else built.set(key, [pageIndex]);
      }
    });
    apiNameMaps.set(index, built);
    map = built;
  }
  return map;
}

/** API names the query spells out as whole words (any case), with their pages. */
export function apiNamesInQuery(index: LoadedIndex, query: string): Map<string, number[]> {
  const names = apiNameMap(index);
  const found = new Map<string, number[]>();
  for (const word of query.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? []) {
    const pages = names.get(word.toLowerCase());
    if (pages) found.set(word, pages);
  }
  return found;
}

/**
 * The two repositories name some areas differently (the API reference's tech.root versus
 * the conceptual folder): a filter by either name covers both.
 */
const areaAliases: ReadonlyArray<readonly string[]> = [
  ['network', 'netvista'],
  ['ifs', 'ifsk'],
  ['usbcon', 'usbref', 'usb'],
  ['bluetooth', 'bltooth'],
  ['smartcard', 'smartcrd'],
  ['portable', 'wpd_dk'],
  ['devtest', 'dtf'],
];

export function areaIdsFor(area: string): string[] {
  const id = area.trim().toLowerCase();
  return [...(areaAliases.find((group) => group.includes(id)) ?? [id])];
}

/** The query as searched: the question plus the abbreviations the docs use for its phrases. */
export function expandQuery(query: string): string {
  const extra = glossaryExpansions(query);
  return extra.length > 0 ? `${query} ${extra.join(' ')}` : query;
}

export function searchChunks(index: LoadedIndex, query: string, options: SearchOptions, limit = chunkPool): ChunkHit[] {
  if (queryTokens(query).length === 0) return [];
  const where: Record<string, { eq: string } | { in: string[] }> = {};
  if (options.area) where.areaId = { in: areaIdsFor(options.area) };
  if (options.kind) where.kind = { eq: options.kind };
  const boost = Object.fromEntries(Object.entries(chunkIndexConfig.fields).map(([field, settings]) => [field, settings.weight]));
  const result = search(index.chunkDb, {
    term: expandQuery(query),
    properties: ['title', 'headings', 'meta', 'body'],
    boost,
    where: Object.keys(where).length > 0 ? (where as never) : undefined,
    limit,
  }) as { hits: Array<{ score: number; document: ChunkDocument }> };
  return result.hits.map((hit) => ({ ...hit.document, score: hit.score }));
}

/** Title words that say what kind of page it is, not what it is about. */
const genericTitleWords = new Set(tokenize('introduction overview about using guide guidelines reference'));

/**
 * How much of the page's title the query contains, weighted by IDF (0–1). A question that
 * spells out a page's whole title ("registry location for Active Memory Dump") names
 * that page's subject; one sharing a word with it does not.
 */
function titleCoverage(page: PageRecord, queryTokenSet: ReadonlySet<string>, idf: (token: string) => number): number {
  const titleTokens = [...new Set(tokenize(page.title.replace(/\((?:[\w.]+\.h|.*header)\)$/i, '')))].filter(
    (token) => !genericTitleWords.has(token),
  );
  let total = 0;
  let covered = 0;
  for (const token of titleTokens) {
    const weight = idf(token);
    total += weight;
    if (queryTokenSet.has(token)) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}

export function searchPages(index: LoadedIndex, query: string, options: SearchOptions = {}): PageResult[] {
  const chunksPerPage = options.chunksPerPage ?? 3;
  const byPage = new Map<number, ChunkHit[]>();
  for (const hit of searchChunks(index, query, options)) {
    const list = byPage.get(hit.page);
    if (list) list.push(hit);
    else byPage.set(hit.page, [hit]);
  }
  const named = apiNamesInQuery(index, query);
  const namedPages = new Set([...named.values()].flat());
  const queryTokenSet = new Set(queryTokens(expandQuery(query)));
  // A question with no identifier in it asks about a concept: articles explain, while
  // reference pages of look-alike functions only share its words.
  const plainQuestion = named.size === 0 && !/[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]|\b[A-Z]{2,}[a-z]*[A-Z]/.test(query);
  const idfCache = new Map<string, number>();
  const idf = (token: string) => {
    let value = idfCache.get(token);
    if (value === undefined) {
      value = termWeights(index, [token])[0]!.idf;
      idfCache.set(token, value);
    }
    return value;
  };
  const results: PageResult[] = [];
  for (const [pageIndex, hits] of byPage) {
    const page = index.pages[pageIndex]!;
    let score = hits[0]!.score + (hits[1] ? secondChunkShare * hits[1].score : 0);
    score *= 1 + titleCoverageBoost * titleCoverage(page, queryTokenSet, idf) ** 2;
    if (namedPages.has(pageIndex)) score *= exactApiNameBoost;
    else if (plainQuestion && page.kind === 'concept') score *= 1 + conceptPrior;
    results.push({ pageIndex, page, score, chunks: hits.slice(0, chunksPerPage) });
  }
  results.sort((a, b) => b.score - a.score || a.pageIndex - b.pageIndex);
  const offset = options.offset ?? 0;
  return results.slice(offset, offset + (options.limit ?? 10));
}
