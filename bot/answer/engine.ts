// The answer engine: retrieval over the loaded index, composed into cited answers. Every
// front end (Discord, terminal, JSON) goes through this one module.
import { createHash } from 'node:crypto';
import { search as oramaSearch } from '@orama/orama';
import { loadIndex, type EnsureIndexOptions, type LoadedIndex } from '../../indexer/load-index.ts';
import { chunksOfPage, type ChunkStoreData } from '../../indexer/orama/chunk-store.ts';
import type { PageRecord } from '../../indexer/page-record.ts';
import { apiNameMap, apiNamesInQuery, searchPages, type PageResult } from '../../indexer/search.ts';
import { readIndexSettings, type IndexSettings } from '../../indexer/settings.ts';
import { termWeights } from '../../indexer/term-weights.ts';
import type { AnswerEngineContract, AskOptions } from './engine-contract.ts';
import { markQueryTerms, pickExcerpt, unitScore } from './excerpts.ts';
import { listKeyTips } from './key-tip-answer.ts';
import { prepareQuestion } from './question.ts';
import type { Answer, ApiCard, Excerpt, KeyTip, PageHit, RelatedPage, SearchFilters, Suggestion } from './types.ts';

export const CREDIT =
  'Excerpts from Microsoft Learn, Windows driver documentation, © Microsoft, licensed CC BY 4.0. Follow each link for the full page.';

const maxExcerpts = 4;
const minExcerpts = 2;
const maxRelated = 5;
const maxSuggestions = 25;
/** Pages cited beside the best one must score at least this share of it. */
const citeShareOfBest = 0.45;
/** Below this share of the question's weight covered by the best page, there is no answer. */
const minCoverage = 0.5;
/** IDF above this adds nothing more to a word's weight in coverage and excerpt picking. */
const maxTokenWeight = 3.5;
/** Words in more than this share of chunks (driver, Windows, device) say nothing on their own. */
const commonWordShare = 0.08;

/** The page's path, or for paths over Discord's 100-character choice limit a hash of it. */
export function pageKey(path: string): string {
  return path.length <= 100 ? path : `page:${createHash('sha1').update(path).digest('hex').slice(0, 20)}`;
}

function truncateChoice(text: string, limit = 100): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function sectionUrl(page: PageRecord, anchor: string): string {
  return anchor ? `${page.url}#${anchor}` : page.url;
}

function relatedOf(page: PageRecord): RelatedPage {
  return { title: page.title, url: page.url, path: page.path };
}

function oneLine(text: string, limit = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, flat.lastIndexOf(' ', limit - 1) || limit - 1)}…`;
}

export class AnswerEngine implements AnswerEngineContract {
  private readonly pageIndexByPath: Map<string, number>;
  /** Autocomplete values are at most 100 characters: longer paths travel as a stable hash. */
  private readonly pageIndexByKey: Map<string, number>;

  constructor(readonly index: LoadedIndex) {
    this.pageIndexByPath = new Map(index.pages.map((page, i) => [page.path, i]));
    this.pageIndexByKey = new Map(index.pages.map((page, i) => [pageKey(page.path), i]));
  }

  /**
   * Query-token weights for excerpt picking and coverage: IDF, capped so that one rare word
   * ("keep", a typo, "thanks") cannot outweigh the rest of the question; words the corpus
   * never uses count as rare; very common words count little.
   */
  private weightsFor(tokens: string[]): Map<string, number> {
    const total = Math.max(1, this.index.meta.chunks);
    const weights = new Map<string, number>();
    for (const weight of termWeights(this.index, tokens)) {
      const common = weight.documentFrequency / total > commonWordShare;
      const known = weight.documentFrequency > 0;
      // A word the docs never use is slightly more telling than a rare one: a question that
      // hinges on it ("the capital of France") is not about these docs.
      weights.set(weight.token, !known ? maxTokenWeight * 1.25 : common ? weight.idf * 0.2 : Math.min(weight.idf, maxTokenWeight));
    }
    return weights;
  }

  /** Share of the question's weight that the page's title, section and best chunk contain. */
  private coverage(result: PageResult, weights: Map<string, number>): number {
    const total = [...weights.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return 0;
    const best = result.chunks[0];
    const haystack = `${result.page.title} ${result.page.keywords.join(' ')} ${result.page.description} ${best?.section ?? ''} ${result.chunks.map((c) => c.text).join(' ')}`;
    return unitScore(haystack, weights) / total;
  }

  /** The given pages as results, each with its sections best first for the weighted question. */
  private resultsWithin(paths: readonly string[], weights: Map<string, number>): PageResult[] {
    const results: PageResult[] = [];
    for (const path of paths) {
      const pageIndex = this.pageIndexByPath.get(path);
      if (pageIndex === undefined) continue;
      const chunks = chunksOfPage(this.index.chunkDb.data.docs as ChunkStoreData, pageIndex)
        .map((chunk) => ({ ...chunk, score: unitScore(`${chunk.section} ${chunk.text}`, weights) }))
        .sort((a, b) => b.score - a.score);
      if (chunks.length === 0) continue;
      results.push({ pageIndex, page: this.index.pages[pageIndex]!, score: chunks[0]!.score, chunks });
    }
    return results.sort((a, b) => b.score - a.score);
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const started = performance.now();
    const prepared = prepareQuestion(question);
    const base = {
      question: String(question ?? ''),
      searchedQuestion: prepared.text,
      notice: prepared.notice,
      related: [] as RelatedPage[],
      excerpts: [] as Excerpt[],
      credit: CREDIT,
    };
    const finish = (answer: Omit<Answer, 'tookMs'>): Answer => ({ ...answer, tookMs: performance.now() - started });
    if (prepared.tokens.length === 0) {
      return finish({
        ...base,
        noAnswer: {
          reason: 'empty-question',
          message: 'Ask a question about Windows driver development, for example: "How do I cancel an IRP safely?"',
          suggestions: [],
        },
      });
    }
    const offset = options.offset ?? 0;
    const weights = this.weightsFor(prepared.tokens);
    const results = options.pages
      ? this.resultsWithin(options.pages, weights)
      : searchPages(this.index, prepared.text, { area: options.area, kind: options.kind, limit: offset + maxExcerpts + maxRelated + 2 });
    const best = results[0];
    if (!best || (!options.pages && this.coverage(best, weights) < minCoverage)) {
      return finish({
        ...base,
        noAnswer: {
          reason: 'no-match',
          message: 'I could not find this in the Windows driver documentation. Try naming the API, IRP, bug check or driver model, or pick a close page:',
          suggestions: this.closeTitles(prepared.text, 5),
        },
      });
    }
    const remaining = results.slice(offset);
    const top = remaining[0];
    const cited = top ? remaining.filter((r, i) => i === 0 || r.score >= citeShareOfBest * top.score).slice(0, maxExcerpts) : [];
    const queryTokenSet = new Set(prepared.tokens);
    const excerpts: Excerpt[] = [];
    const addExcerpt = (result: PageResult, chunkIndex: number) => {
      const chunk = result.chunks[chunkIndex];
      if (!chunk) return;
      const picked = pickExcerpt(chunk.text, weights);
      if (!picked.text) return;
      excerpts.push({
        citation: {
          n: excerpts.length + 1,
          pageTitle: result.page.title,
          section: chunk.section,
          url: sectionUrl(result.page, chunk.anchor),
          path: result.page.path,
        },
        spans: markQueryTerms(picked.text, queryTokenSet),
      });
    };
    for (const result of cited) addExcerpt(result, 0);
    // One strong page still deserves a second passage, from another of its sections.
    if (excerpts.length < minExcerpts && cited[0]) addExcerpt(cited[0], 1);
    const citedPaths = new Set(cited.map((r) => r.page.path));
    const related = remaining.filter((r) => !citedPaths.has(r.page.path)).slice(0, maxRelated).map((r) => relatedOf(r.page));
    const named = [...apiNamesInQuery(this.index, prepared.text).keys()][0];
    const api = named ? this.apiCard(named) : undefined;
    return finish({ ...base, excerpts, related, ...(api ? { api } : {}) });
  }

  private toHit(result: PageResult): PageHit {
    const chunk = result.chunks[0];
    return {
      title: result.page.title,
      url: result.page.url,
      path: result.page.path,
      kind: result.page.kind,
      area: result.page.area,
      section: chunk?.section ?? '',
      sectionUrl: sectionUrl(result.page, chunk?.anchor ?? ''),
      snippet: oneLine(chunk?.text ?? result.page.description),
      score: result.score,
    };
  }

  search(query: string, options: SearchFilters & { limit?: number; offset?: number } = {}): PageHit[] {
    const prepared = prepareQuestion(query);
    if (prepared.tokens.length === 0) return [];
    return searchPages(this.index, prepared.text, { ...options, limit: options.limit ?? 10 }).map((r) => this.toHit(r));
  }

  pageByPath(path: string): PageHit | undefined {
    const pageIndex = this.pageIndexByPath.get(path) ?? this.pageIndexByKey.get(path);
    if (pageIndex === undefined) return undefined;
    const page = this.index.pages[pageIndex]!;
    // The lead of the page is its best one-line summary.
    return {
      title: page.title,
      url: page.url,
      path: page.path,
      kind: page.kind,
      area: page.area,
      section: '',
      sectionUrl: page.url,
      snippet: oneLine(page.description || page.title),
      score: 0,
    };
  }

  private titleSearch(prefix: string, kind: 'api' | undefined, limit: number): PageRecord[] {
    const term = prefix.replace(/\s+/g, ' ').trim().slice(0, 100);
    if (!term) return [];
    const result = oramaSearch(this.index.titleDb, {
      term,
      properties: kind ? ['names', 'title'] : ['title', 'names'],
      boost: { names: 2, title: 1 },
      where: kind ? ({ kind: { eq: kind } } as never) : undefined,
      limit,
    }) as { hits: Array<{ id: string }> };
    return result.hits.map((hit) => this.index.pages[Number(hit.id)]).filter((p): p is PageRecord => Boolean(p));
  }

  private closeTitles(text: string, limit: number): RelatedPage[] {
    return this.search(text, { limit })
      .map((hit) => ({ title: hit.title, url: hit.url, path: hit.path }))
      .slice(0, limit);
  }

  suggestTitles(prefix: string): Suggestion[] {
    return this.titleSearch(prefix, undefined, maxSuggestions).map((page) => ({
      name: truncateChoice(page.title),
      value: pageKey(page.path),
    }));
  }

  suggestApis(prefix: string): Suggestion[] {
    const seen = new Set<string>();
    const suggestions: Suggestion[] = [];
    for (const page of this.titleSearch(prefix, 'api', maxSuggestions * 2)) {
      const name = page.api?.names[0];
      if (!name || seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      const header = page.api?.header ? ` (${page.api.header})` : '';
      suggestions.push({ name: truncateChoice(`${name}${header}`), value: truncateChoice(name) });
      if (suggestions.length === maxSuggestions) break;
    }
    return suggestions;
  }

  apiCard(name: string): ApiCard | undefined {
    const key = name.trim().toLowerCase();
    if (!key) return undefined;
    let pageIndex = apiNameMap(this.index).get(key)?.[0];
    if (pageIndex === undefined) {
      pageIndex = this.index.pages.findIndex((page) => page.api?.names.some((n) => n.toLowerCase() === key));
      if (pageIndex < 0) return undefined;
    }
    const page = this.index.pages[pageIndex]!;
    if (!page.api) return undefined;
    return {
      name: page.api.names.find((n) => n.toLowerCase() === key) ?? page.api.names[0] ?? name,
      facts: page.api,
      description: page.description,
      url: page.url,
      path: page.path,
      pageTitle: page.title,
    };
  }

  pagesMentioningApi(name: string, limit = 5): RelatedPage[] {
    if (!name.trim()) return [];
    return searchPages(this.index, name, { kind: 'concept', limit }).map((r) => relatedOf(r.page));
  }

  keyTips(): KeyTip[] {
    return listKeyTips(this);
  }

  suggestTips(prefix: string): Suggestion[] {
    const wanted = prefix.trim().toLowerCase();
    const tips = this.keyTips()
      .filter((tip) => !wanted || [tip.topic, tip.question, tip.leadIn ?? ''].some((text) => text.toLowerCase().includes(wanted)))
      .map((tip) => ({ name: truncateChoice(`Key tip: ${tip.topic}`), value: `tip:${tip.id}` }));
    const pages = wanted ? this.suggestTitles(prefix) : [];
    return [...tips, ...pages].slice(0, maxSuggestions);
  }
}

/** Loads (building if needed) the index named by the environment and wraps it in an engine. */
export async function loadAnswerEngine(
  settings: IndexSettings = readIndexSettings(),
  options: EnsureIndexOptions = {},
): Promise<AnswerEngine> {
  return new AnswerEngine(await loadIndex(settings, options));
}
