// The transport-agnostic answer: what every front end (Discord, terminal, JSON) renders.
import type { ApiFacts, PageKind } from '../../indexer/model.ts';

/** A numbered source an excerpt quotes. */
export interface Citation {
  /** 1-based number shown next to the excerpt: [1], [2], ... */
  n: number;
  pageTitle: string;
  /** Section path for display ("Remarks", "Parameters › Irp"); "" for the page lead. */
  section: string;
  /** learn.microsoft.com URL with the section anchor. */
  url: string;
  /** Repository-relative path of the page (the ../shared/eval form). */
  path: string;
}

/** A span of excerpt text; `match` spans are query terms, for front ends to emphasise. */
export interface TextSpan {
  text: string;
  match: boolean;
}

export interface Excerpt {
  citation: Citation;
  /** The trimmed excerpt as spans (concatenate the texts for plain text). */
  spans: TextSpan[];
}

/** A page worth reading beyond those cited. */
export interface RelatedPage {
  title: string;
  url: string;
  path: string;
}

/** API facts for an API the question names, with where they come from. */
export interface ApiCard {
  name: string;
  facts: ApiFacts;
  /** One-paragraph description from the API page. */
  description: string;
  url: string;
  path: string;
  pageTitle: string;
}

/** Why an answer has no excerpts. */
type NoAnswerReason = 'empty-question' | 'no-match';

export interface Answer {
  question: string;
  /** Question as searched (trimmed, shortened when oversized). */
  searchedQuestion: string;
  /** A note for the reader when the question was changed before searching, e.g. shortened. */
  notice?: string;
  /** 2–4 excerpts when found; empty when nothing good was found. */
  excerpts: Excerpt[];
  related: RelatedPage[];
  api?: ApiCard;
  /** Set when there are no excerpts. */
  noAnswer?: { reason: NoAnswerReason; message: string; suggestions: RelatedPage[] };
  /** The offset that shows further sources ("More sources"): past every page this answer
   *  read passages from. Absent when nothing is left. */
  nextOffset?: number;
  /** Attribution line every front end must show. */
  credit: string;
  /** Milliseconds spent retrieving and composing. */
  tookMs: number;
}

/** One page in a search result list. */
export interface PageHit {
  title: string;
  url: string;
  path: string;
  kind: PageKind;
  area: string;
  /** Where the page sits in the docs' table of contents, outermost first. */
  breadcrumb: string[];
  /** Section the best match is in ("" for the lead) and its anchored URL. */
  section: string;
  sectionUrl: string;
  /** One-line excerpt of the best section. */
  snippet: string;
  score: number;
}

export interface SearchFilters {
  /** Area id: conceptual folder or API tech.root, e.g. "kernel", "wdf", "debugger". */
  area?: string;
  kind?: PageKind;
}

/** An autocomplete choice: what to show, and the value to send back: a page path, an API name
 *  or "tip:<id>", as `kind` says. Front ends fit both to their own limits. */
export interface Suggestion {
  name: string;
  value: string;
  kind: 'page' | 'api' | 'tip';
}

/** A curated key tip (corpus/key-tips) as listed: its topic, our question and lead-in, its pages. */
export interface KeyTip {
  id: string;
  topic: string;
  /** How a developer might ask about it (our wording). */
  question: string;
  /** One sentence in our own words ("In short: ..."), never shown without the quotes it sums up. */
  leadIn?: string;
  pages: RelatedPage[];
}

/** A key tip as shown: its core advice quoted from the docs, each excerpt cited. */
export interface KeyTipAnswer extends KeyTip {
  /** The quoted passages, numbered [1]..; empty when none of them is in the index. */
  excerpts: Excerpt[];
  /** Curated passages that could not be quoted (page or section not in the index). */
  unquoted: { path: string; section: string }[];
  /** Attribution line every front end must show. */
  credit: string;
}
