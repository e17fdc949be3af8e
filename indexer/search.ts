// The query side of the index: chunks ranked by Orama (BM25F component), then grouped so
// each page appears once with its best sections.
import { search } from '@orama/orama';
import { type ChunkDocument, type ChunkStoreData, chunksOfPage } from './orama/chunk-store.ts';
import type { LoadedIndex } from './load-index.ts';
import type { PageKind } from './model.ts';
import type { PageRecord } from './page-record.ts';
import { chunkIndexConfig } from './schema.ts';
import { analyseQuery, type QueryAnalysis } from './query-analysis.ts';
import { pageSignals } from './ranking-signals.ts';
import { termWeights } from './term-weights.ts';
import { tokenize } from './tokenizer.ts';

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

export function searchChunks(
  index: LoadedIndex,
  query: string | QueryAnalysis,
  options: SearchOptions,
  limit: number = pageSignals.chunkPool,
): ChunkHit[] {
  const analysis = typeof query === 'string' ? analyseQuery(index, query) : query;
  if (analysis.tokens.length === 0) return [];
  const where: Record<string, { eq: string } | { in: string[] }> = {};
  if (options.area) where.areaId = { in: areaIdsFor(options.area) };
  if (options.kind) where.kind = { eq: options.kind };
  const boost = Object.fromEntries(Object.entries(chunkIndexConfig.fields).map(([field, settings]) => [field, settings.weight]));
  const result = search(index.chunkDb, {
    term: analysis.searchText,
    properties: ['title', 'headings', 'meta', 'body'],
    boost,
    where: Object.keys(where).length > 0 ? (where as never) : undefined,
    limit,
    // The index has no vectors to strip, and stripping copies every hit's document (and so
    // decodes its text, which the chunk store leaves until it is read).
    includeVectors: true,
  }) as { hits: Array<{ score: number; document: ChunkDocument }> };
  // Each hit is a fresh document from the chunk store: it takes the score itself, so its
  // text is decoded only if read.
  return result.hits.map((hit) => Object.assign(hit.document, { score: hit.score }));
}

/** Title words that say what kind of page it is, not what it is about. */
const genericTitleWords = new Set(tokenize('introduction overview about using guide guidelines reference'));

interface TitleToken {
  token: string;
  idf: number;
}

/** The distinctive tokens of each page's title with their IDF, worked out once per page record of a loaded index. */
const titleTokenCache = new WeakMap<PageRecord, readonly TitleToken[]>();

function titleTokensOf(index: LoadedIndex, page: PageRecord): readonly TitleToken[] {
  let tokens = titleTokenCache.get(page);
  if (!tokens) {
    const distinct = [...new Set(tokenize(page.title.replace(/\((?:[\w.]+\.h|.*header)\)$/i, '')))].filter(
      (token) => !genericTitleWords.has(token),
    );
    tokens = termWeights(index, distinct).map(({ token, idf }) => ({ token, idf }));
    titleTokenCache.set(page, tokens);
  }
  return tokens;
}

/**
 * How much of the page's title the query contains, weighted by IDF (0–1). A question that
 * spells out a page's whole title ("registry location for Active Memory Dump") names
 * that page's subject; one sharing a word with it does not.
 */
function titleCoverage(index: LoadedIndex, page: PageRecord, queryTokenSet: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const { token, idf } of titleTokensOf(index, page)) {
    total += idf;
    if (queryTokenSet.has(token)) covered += idf;
  }
  return total > 0 ? covered / total : 0;
}

/**
 * A debugger command named in the question ("!drivers") is what was asked about, even when
 * its page shares no rarer word with the question: its page joins the results with its lead
 * section, scored as the weakest chunk found.
 */
function addUnfoundCommandPages(
  index: LoadedIndex,
  analysis: QueryAnalysis,
  options: SearchOptions,
  byPage: Map<number, ChunkHit[]>,
): void {
  if (analysis.commandNames.size === 0) return;
  const areas = options.area ? areaIdsFor(options.area) : undefined;
  let weakest = Number.POSITIVE_INFINITY;
  for (const hits of byPage.values()) weakest = Math.min(weakest, hits[0]!.score);
  if (!Number.isFinite(weakest)) return;
  for (const pageIndex of [...analysis.commandNames.values()].flat()) {
    if (byPage.has(pageIndex)) continue;
    const lead = chunksOfPage(index.chunkDb.data.docs as ChunkStoreData, pageIndex)[0];
    // The search's filters hold for these pages too.
    if (!lead || (areas && !areas.includes(lead.areaId)) || (options.kind && lead.kind !== options.kind)) continue;
    byPage.set(pageIndex, [{ ...lead, score: weakest }]);
  }
}

/** A page named by its exact debugger command ("!drivers") ranks among the best pages found. */
function liftCommandPages(results: PageResult[], analysis: QueryAnalysis): void {
  if (analysis.commandNames.size === 0) return;
  const commandPages = new Set([...analysis.commandNames.values()].flat());
  const best = Math.max(0, ...results.filter((result) => !commandPages.has(result.pageIndex)).map((result) => result.score));
  for (const result of results)
    if (commandPages.has(result.pageIndex)) result.score = Math.max(result.score, best * pageSignals.namedCommand);
}

export function searchPages(index: LoadedIndex, query: string | QueryAnalysis, options: SearchOptions = {}): PageResult[] {
  const analysis = typeof query === 'string' ? analyseQuery(index, query) : query;
  const chunksPerPage = options.chunksPerPage ?? 3;
  const byPage = new Map<number, ChunkHit[]>();
  for (const hit of searchChunks(index, analysis, options)) {
    const list = byPage.get(hit.page);
    if (list) list.push(hit);
    else byPage.set(hit.page, [hit]);
  }
  const namedPages = new Set([...analysis.apiNames.values(), ...analysis.commandNames.values()].flat());
  addUnfoundCommandPages(index, analysis, options, byPage);
  const queryTokenSet = new Set(analysis.tokens);
  const plainQuestion = analysis.apiNames.size === 0 && analysis.identifiers.length === 0;
  const results: PageResult[] = [];
  for (const [pageIndex, hits] of byPage) {
    const page = index.pages[pageIndex]!;
    let score = hits[0]!.score + (hits[1] ? pageSignals.secondChunkShare * hits[1].score : 0);
    score *= 1 + pageSignals.titleCoverage * titleCoverage(index, page, queryTokenSet) ** 2;
    if (namedPages.has(pageIndex)) score *= pageSignals.exactApiName;
    else if (plainQuestion && page.kind === 'concept') score *= 1 + pageSignals.conceptPrior;
    results.push({ pageIndex, page, score, chunks: hits.slice(0, chunksPerPage) });
  }
  liftCommandPages(results, analysis);
  results.sort((a, b) => b.score - a.score || a.pageIndex - b.pageIndex);
  const offset = options.offset ?? 0;
  return results.slice(offset, offset + (options.limit ?? 10));
}
