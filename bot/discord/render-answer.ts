// Answer → embed: excerpts with numbered citations linked to their sections, the sources,
// related pages, API facts, and the credit.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { apiFactEntries } from '../answer/api-facts.ts';
import type { Answer, ApiCard, Citation, Excerpt } from '../answer/types.ts';
import { EMBED_FIELD_VALUE_MAX, truncate } from './limits.ts';
import { EMBED_COLOUR, NO_ANSWER_COLOUR, type RenderedView, fitEmbeds, linkList } from './render-common.ts';
import { formatSpans, maskedLink, safeLine, safeLinkLabel, safeText, oneLine } from './safe-text.ts';

/** Room for all excerpts together, leaving the rest of the 6,000 for fields. */
const EXCERPTS_BUDGET = 2800;
/** What a quote needs besides its text: the citation link, the quote marks, escapes. */
const QUOTE_OVERHEAD = 200;

export function renderAnswer(answer: Answer, offset: number): RenderedView {
  const title = safeLine(answer.question.trim() === '' ? 'Your question' : answer.question, 240);
  if (answer.excerpts.length === 0) return renderNoAnswer(answer, title, offset);

  const citations = uniqueCitations(answer.excerpts.map((excerpt) => excerpt.citation));
  const lines: string[] = [];
  if (answer.notice) lines.push(`*${safeLine(answer.notice, 300)}*`, '');
  const allowances = quoteAllowances(answer.excerpts, EXCERPTS_BUDGET);
  answer.excerpts.forEach((excerpt, i) => {
    lines.push(quoteBlock(excerpt, allowances[i]!), '');
  });

  const fields: APIEmbedField[] = sourcesFields(citations);
  const citedPaths = new Set(citations.map((citation) => citation.path));
  const related = answer.related.filter((page) => !citedPaths.has(page.path));
  if (related.length > 0) fields.push({ name: 'Related pages', value: linkList(related.slice(0, 6)) });
  if (answer.api) fields.push(apiFactsField(answer.api));

  const first = citations[0];
  const embed: APIEmbed = {
    title,
    url: first ? pageUrl(first.url) : undefined,
    description: lines.join('\n').trim(),
    color: EMBED_COLOUR,
    fields,
    footer: { text: answer.credit },
  };
  return {
    embeds: fitEmbeds([embed]),
    answered: true,
    citedUrls: citations.map((citation) => citation.url),
    pageUrl: first ? pageUrl(first.url) : undefined,
    ...(answer.nextOffset !== undefined ? { nextOffset: answer.nextOffset } : {}),
  };
}

function renderNoAnswer(answer: Answer, title: string, offset: number): RenderedView {
  const message =
    offset > 0
      ? 'No more sources found for this question.'
      : (answer.noAnswer?.message ?? 'I could not find that in the driver documentation.');
  const suggestions = answer.noAnswer?.suggestions ?? [];
  const fields: APIEmbedField[] = [];
  if (suggestions.length > 0) fields.push({ name: 'Closest pages', value: linkList(suggestions.slice(0, 8)) });
  if (answer.api) fields.push(apiFactsField(answer.api));
  const embed: APIEmbed = {
    title,
    description: safeText(truncate(message, 1500)),
    color: NO_ANSWER_COLOUR,
    fields,
    footer: { text: answer.credit },
  };
  return {
    embeds: fitEmbeds([embed]),
    answered: false,
    unansweredReason: answer.noAnswer?.reason ?? 'no-match',
    citedUrls: suggestions.map((page) => page.url),
    pageUrl: suggestions[0]?.url,
  };
}

/**
 * How many characters each quote may take of `budget`: short quotes get what they need, and
 * what they leave goes to the longer ones in equal shares, so a long quote of one section is
 * cut only when the quotes together do not fit.
 */
function quoteAllowances(excerpts: readonly Excerpt[], budget: number): number[] {
  const needs = excerpts.map((excerpt) => excerpt.spans.reduce((sum, span) => sum + span.text.length, 0) + QUOTE_OVERHEAD);
  const allowances = new Array<number>(excerpts.length).fill(0);
  let left = budget;
  const byNeed = needs.map((need, i) => ({ need, i })).sort((a, b) => a.need - b.need);
  byNeed.forEach(({ need, i }, rank) => {
    allowances[i] = Math.min(need, Math.floor(left / (byNeed.length - rank)));
    left -= allowances[i]!;
  });
  return allowances;
}

/**
 * An excerpt as a Discord quote of at most `max` characters, its citation link at the end.
 * Every line of a quoted list or table stays inside the quote.
 */
export function quoteBlock(excerpt: Excerpt, max: number): string {
  const cite = citationLink(excerpt.citation);
  const text = formatSpans(excerpt.spans, max - cite.length - 4);
  return `> ${text.replace(/\n/g, '\n> ')} ${cite}`;
}

/** `[\[1\]](section url)`: the number shown in brackets, linking to the cited section. */
function citationLink(citation: Citation): string {
  return maskedLink(`\\[${citation.n}\\]`, citation.url);
}

/** "\[1\] [Page › Section](url)" lines, in as many "Sources" fields as they need. */
export function sourcesFields(citations: readonly Citation[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let lines: string[] = [];
  let used = 0;
  const flush = () => {
    if (lines.length === 0) return;
    fields.push({ name: fields.length === 0 ? 'Sources' : 'Sources (continued)', value: lines.join('\n') });
    lines = [];
    used = 0;
  };
  for (const citation of citations) {
    const label = citation.section ? `${citation.pageTitle} › ${citation.section}` : citation.pageTitle;
    const line = `\\[${citation.n}\\] ${maskedLink(safeLinkLabel(label, 200), citation.url)}`;
    if (used + line.length + 1 > EMBED_FIELD_VALUE_MAX) flush();
    lines.push(line);
    used += line.length + 1;
  }
  flush();
  return fields.slice(0, 2);
}

/** Compact API facts as one field, for answers whose question names an API. */
function apiFactsField(card: ApiCard): APIEmbedField {
  const facts = apiFactLines(card).join(' · ');
  const description = safeLine(card.description, 400);
  const link = maskedLink(safeLinkLabel(card.pageTitle || card.name, 120), card.url);
  const value = [facts, description, link].filter((part) => part !== '').join('\n');
  return { name: `API: ${truncate(oneLine(card.name), 200)}`, value };
}

/** "Header: `wdm.h`"-style lines for the facts an API page states. */
function apiFactLines(card: ApiCard): string[] {
  return apiFactEntries(card.facts).map(([name, value]) => `${name}: ${safeLine(value, 120)}`);
}

export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<number>();
  return citations.filter((citation) => (seen.has(citation.n) ? false : (seen.add(citation.n), true)));
}

/** Page URL without the section anchor. */
function pageUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
