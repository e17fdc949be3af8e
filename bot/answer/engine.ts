// The answer engine: retrieval over the loaded index, composed into cited answers. Every
// front end (Discord, terminal, JSON) goes through this one module.
import { search as oramaSearch } from '@orama/orama';
import { loadIndex, type EnsureIndexOptions, type LoadedIndex } from '../../indexer/load-index.ts';
import { chunksOfPage, type ChunkStoreData } from '../../indexer/orama/chunk-store.ts';
import type { PageRecord } from '../../indexer/page-record.ts';
import { analyseQuery, apiNameMap, type QueryAnalysis, weightCovered } from '../../indexer/query-analysis.ts';
import { passageSignals } from '../../indexer/ranking-signals.ts';
import { searchPages, type PageResult } from '../../indexer/search.ts';
import { tokenize } from '../../indexer/tokenizer.ts';
import { readIndexSettings, type IndexSettings } from '../../indexer/settings.ts';
import { DOCS_CREDIT } from './credit.ts';
import type { AnswerEngineContract, AskOptions } from './engine-contract.ts';
import { markQueryTerms } from './excerpts.ts';
import { listKeyTips } from './key-tip-answer.ts';
import { type CandidateSection, choosePassages, rankPassages, type ScoredPassage } from './passage-choice.ts';
import { pageId } from './page-id.ts';
import { relatedPages } from './related-pages.ts';
import { prepareQuestion } from './question.ts';
import { weightOfDistinctTokens } from './text-facts.ts';
import type { Answer, ApiCard, Excerpt, KeyTip, PageHit, RelatedPage, SearchFilters, Suggestion } from './types.ts';

const maxRelated = 5;
const maxSuggestions = 25;
/** Pages with more chunks than this are read by the sections retrieval found in them; the
 *  best page is read whole up to the larger limit (the answer is often in a section the
 *  question's words do not reach, such as an example's note). */
const maxChunksReadWhole = 40;
const maxChunksReadWholeBest = 150;

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

/** Said above passages from pages that cover only part of the question: the docs may not
 *  answer it, and the reader should know these are the nearest they come. */
const unsureNotice = 'The docs may not answer this exactly; these are the closest passages.';

function joinNotices(...notices: ReadonlyArray<string | undefined>): string | undefined {
  const said = notices.filter((notice): notice is string => Boolean(notice));
  return said.length > 0 ? said.join(' ') : undefined;
}

/** Marks where a quote of one section skips part of it. */
const gapInSection = '\n…\n';

/** A line break between passages that follow each other in the section, else the gap mark. */
function separatorBetween(sectionText: string, before: string, after: string): string {
  const end = sectionText.indexOf(before);
  const start = end < 0 ? -1 : sectionText.indexOf(after, end + before.length);
  return start >= 0 && sectionText.slice(end + before.length, start).trim() === '' ? '\n' : gapInSection;
}

/**
 * Chosen passages as numbered excerpts, one per cited section: passages of one section are
 * quoted together under its one number and link, in the section's order, "…" marking text
 * skipped between them. Sections are numbered in the order their best passage was chosen.
 */
function citeExcerpts(chosen: readonly ScoredPassage[], analysis: QueryAnalysis): Excerpt[] {
  const bySection = new Map<string, ScoredPassage[]>();
  for (const passage of chosen) {
    const url = sectionUrl(passage.source.page, passage.source.anchor);
    const passages = bySection.get(url);
    if (passages) passages.push(passage);
    else bySection.set(url, [passage]);
  }
  return [...bySection].map(([url, passages], index) => {
    const { source } = passages[0]!;
    const ordered = [...passages].sort((a, b) => a.block - b.block);
    let text = ordered[0]!.text;
    for (let next = 1; next < ordered.length; next += 1)
      text += separatorBetween(source.text, ordered[next - 1]!.text, ordered[next]!.text) + ordered[next]!.text;
    return {
      citation: { n: index + 1, pageTitle: source.page.title, section: source.section, url, path: source.page.path },
      spans: markQueryTerms(text, analysis.emphasis),
    };
  });
}

export class AnswerEngine implements AnswerEngineContract {
  private readonly pageIndexByPath: Map<string, number>;
  private readonly pageIndexById: Map<string, number>;
  private readonly pageIndexByUrl: Map<string, number>;

  constructor(readonly index: LoadedIndex) {
    this.pageIndexByPath = new Map(index.pages.map((page, i) => [page.path, i]));
    this.pageIndexById = new Map(index.pages.map((page, i) => [pageId(page.path), i]));
    this.pageIndexByUrl = new Map(index.pages.map((page, i) => [page.url, i]));
  }

  /** Share of the question's weight that the page's title, summary and best sections contain. */
  private coverage(result: PageResult, analysis: QueryAnalysis): number {
    if (analysis.totalWeight === 0) return 0;
    const best = result.chunks[0];
    const citation = `${result.page.title} ${result.page.keywords.join(' ')} ${result.page.description} ${best?.section ?? ''}`;
    return weightOfDistinctTokens([citation, ...result.chunks.map((c) => c.text)], analysis.weights) / analysis.totalWeight;
  }

  /** A candidate's title or one of its section headings spells out an identifier the question names. */
  private namesIdentifier(result: PageResult, analysis: QueryAnalysis): boolean {
    for (const pages of analysis.commandNames.values()) if (pages.includes(result.pageIndex)) return true;
    if (analysis.identifierTokens.size === 0) return false;
    const names = new Set(tokenize(`${result.page.title} ${result.page.api?.names.join(' ') ?? ''}`, { identifierParts: false }));
    for (const chunk of chunksOfPage(this.chunkStore, result.pageIndex)) {
      for (const token of tokenize(chunk.section, { identifierParts: false })) names.add(token);
    }
    return [...analysis.identifierTokens].some((token) => names.has(token));
  }

  /** The pages one section of a page links to. */
  private sectionLinks(section: CandidateSection): string[] {
    const chunk = chunksOfPage(this.chunkStore, section.pageIndex).find(
      (candidate) => candidate.section === section.section && candidate.anchor === section.anchor,
    );
    return chunk?.links ?? [];
  }

  private pageAt(pageIndex: number | undefined): PageRecord | undefined {
    return pageIndex === undefined ? undefined : this.index.pages[pageIndex];
  }

  private get chunkStore(): ChunkStoreData {
    return this.index.chunkDb.data.docs as ChunkStoreData;
  }

  /**
   * How well the docs speak to the question: surely when the best page covers most of its
   * weight or a candidate's title or heading spells out an identifier it names; perhaps when
   * the best page covers a good part of it; else not at all.
   */
  private topicFit(results: readonly PageResult[], analysis: QueryAnalysis): 'sure' | 'perhaps' | 'none' {
    const best = results[0];
    if (!best) return 'none';
    const coverage = this.coverage(best, analysis);
    if (coverage >= passageSignals.sureCoverage) return 'sure';
    if (results.slice(0, passageSignals.candidatePages).some((result) => this.namesIdentifier(result, analysis))) return 'sure';
    return coverage >= passageSignals.minCoverage ? 'perhaps' : 'none';
  }

  /** The given pages as results, each with its sections best first for the question. */
  private resultsWithin(paths: readonly string[], analysis: QueryAnalysis): PageResult[] {
    const results: PageResult[] = [];
    for (const path of paths) {
      const pageIndex = this.pageIndexByPath.get(path);
      if (pageIndex === undefined) continue;
      const chunks = chunksOfPage(this.chunkStore, pageIndex)
        .map((chunk) => ({ ...chunk, score: weightCovered(`${chunk.section} ${chunk.text}`, analysis.weights) }))
        .sort((a, b) => b.score - a.score);
      if (chunks.length === 0) continue;
      results.push({ pageIndex, page: this.index.pages[pageIndex]!, score: chunks[0]!.score, chunks });
    }
    return results.sort((a, b) => b.score - a.score);
  }

  /**
   * Whole sections of the best pages, as passage sources. A long page contributes the
   * sections retrieval found in it and its lead; a short one every section.
   */
  private candidateSections(results: readonly PageResult[]): CandidateSection[] {
    const best = results[0]?.score ?? 0;
    const sections: CandidateSection[] = [];
    const pages = results.filter((r) => r.score >= passageSignals.candidatePageShare * best).slice(0, passageSignals.candidatePages);
    for (const [rank, result] of pages.entries()) {
      const chunks = chunksOfPage(this.chunkStore, result.pageIndex);
      const found = new Set(result.chunks.map((chunk) => `${chunk.section}\u0000${chunk.anchor}`));
      const wholePage = chunks.length <= (rank === 0 ? maxChunksReadWholeBest : maxChunksReadWhole);
      let current: CandidateSection | undefined;
      for (const chunk of chunks) {
        const key = `${chunk.section}\u0000${chunk.anchor}`;
        if (!wholePage && !found.has(key) && chunk.section !== '') continue;
        if (current && current.section === chunk.section && current.anchor === chunk.anchor) {
          current.text += `\n\n${chunk.text}`;
          continue;
        }
        current = {
          pageIndex: result.pageIndex,
          page: result.page,
          pageShare: best > 0 ? result.score / best : 1,
          section: chunk.section,
          anchor: chunk.anchor,
          text: chunk.text,
        };
        sections.push(current);
      }
    }
    return sections;
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
      credit: DOCS_CREDIT,
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
    const analysis = analyseQuery(this.index, prepared.text);
    const offset = options.offset ?? 0;
    const results = options.pages
      ? this.resultsWithin(options.pages, analysis)
      : searchPages(this.index, analysis, {
          area: options.area,
          kind: options.kind,
          limit: offset + passageSignals.candidatePages + maxRelated + 2,
        });
    const api = this.apiCardFor(analysis, results);
    const fit = options.pages ? 'sure' : this.topicFit(results, analysis);
    if (fit === 'none') {
      return finish({
        ...base,
        ...(api ? { api } : {}),
        noAnswer: {
          reason: 'no-match',
          message:
            'I could not find this in the Windows driver documentation. Try naming the API, IRP, bug check or driver model, or pick a close page:',
          suggestions: results.slice(0, 5).map((r) => relatedOf(r.page)),
        },
      });
    }
    const remaining = results.slice(offset);
    const wanted = options.pages && options.sections ? new Set(options.sections) : undefined;
    const candidates = this.candidateSections(remaining).filter((section) => !wanted || wanted.has(section.section));
    const chosen = choosePassages(rankPassages(candidates, analysis), analysis);
    const excerpts = citeExcerpts(chosen, analysis);
    const citedPaths = new Set(chosen.map((passage) => passage.source.page.path));
    const related = relatedPages(
      chosen.map((passage) => ({ page: passage.source.page, links: this.sectionLinks(passage.source) })),
      (url) => this.pageAt(this.pageIndexByUrl.get(url)),
      remaining.map((r) => r.page),
      maxRelated,
    ).map(relatedOf);
    // More sources start after the last page quoted here, so no page is quoted twice.
    const lastQuoted = Math.max(-1, ...remaining.map((r, i) => (citedPaths.has(r.page.path) ? i : -1)));
    const nextOffset = offset + lastQuoted + 1;
    const notice = fit === 'perhaps' && excerpts.length > 0 ? joinNotices(base.notice, unsureNotice) : base.notice;
    return finish({
      ...base,
      notice,
      excerpts,
      related,
      ...(nextOffset < results.length ? { nextOffset } : {}),
      ...(api ? { api } : {}),
    });
  }

  /**
   * The facts card for the API the question names: of the pages documenting that name
   * (header copies, A/W variants), the one retrieval ranks highest.
   */
  private apiCardFor(analysis: QueryAnalysis, results: readonly PageResult[]): ApiCard | undefined {
    // The question's subject, not an API it sets aside ("ported from X to Y").
    const named = [...analysis.apiNames];
    const [name, pages] = named.find(([apiName]) => !analysis.contrasted.has(apiName.toLowerCase())) ?? named[0] ?? [];
    if (!name || !pages) return undefined;
    const rank = new Map(results.map((result, i) => [result.pageIndex, i]));
    const pageIndex = [...pages].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a - b)[0]!;
    return this.cardOf(pageIndex, name);
  }

  private toHit(result: PageResult): PageHit {
    const chunk = result.chunks[0];
    return {
      title: result.page.title,
      url: result.page.url,
      path: result.page.path,
      kind: result.page.kind,
      area: result.page.area,
      breadcrumb: result.page.breadcrumb,
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
    return this.pageHit(this.pageIndexByPath.get(path));
  }

  pageById(id: string): PageHit | undefined {
    return this.pageHit(this.pageIndexById.get(id));
  }

  private pageHit(pageIndex: number | undefined): PageHit | undefined {
    if (pageIndex === undefined) return undefined;
    const page = this.index.pages[pageIndex]!;
    // The lead of the page is its best one-line summary.
    return {
      title: page.title,
      url: page.url,
      path: page.path,
      kind: page.kind,
      area: page.area,
      breadcrumb: page.breadcrumb,
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

  suggestTitles(prefix: string): Suggestion[] {
    return this.titleSearch(prefix, undefined, maxSuggestions).map((page) => ({
      name: page.title,
      value: page.path,
      kind: 'page' as const,
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
      suggestions.push({ name: `${name}${header}`, value: name, kind: 'api' });
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
    return this.cardOf(pageIndex, name);
  }

  private cardOf(pageIndex: number, name: string): ApiCard | undefined {
    const page = this.index.pages[pageIndex];
    if (!page?.api) return undefined;
    const key = name.trim().toLowerCase();
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
      .map((tip) => ({ name: `Key tip: ${tip.topic}`, value: `tip:${tip.id}`, kind: 'tip' as const }));
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
