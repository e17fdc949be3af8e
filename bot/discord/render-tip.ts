// KeyTipAnswer → embed: the tip's advice quoted from the docs with numbered citations, our
// one-sentence lead-in set apart in italics as ours, the sources, then "Read more" links.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { KeyTipAnswer } from '../answer/types.ts';
import { quoteBlock, sourcesFields, uniqueCitations } from './render-answer.ts';
import { EMBED_COLOUR, type RenderedView, fitEmbeds, linkList } from './render-common.ts';
import { safeLine } from './safe-text.ts';

/** Room for all quotes together, leaving the rest of the 6,000 for the fields. */
const QUOTES_BUDGET = 2700;
const QUOTE_MAX = 900;
/** Says whose words are whose, under every tip. */
export const LEAD_IN_NOTE = '"In short" is our summary of the quotes; the quotes are the documentation\'s own words.';

/** The lead-in as Discord markdown: italic, and labelled as ours. */
function leadInLine(leadIn: string): string {
  return `*In short: ${safeLine(leadIn, 400)}*`;
}

export function renderKeyTip(tip: KeyTipAnswer): RenderedView {
  const lines: string[] = [];
  if (tip.leadIn && tip.excerpts.length > 0) lines.push(leadInLine(tip.leadIn), '');
  const perQuote = Math.min(QUOTE_MAX, Math.floor(QUOTES_BUDGET / Math.max(1, tip.excerpts.length)));
  for (const excerpt of tip.excerpts) lines.push(quoteBlock(excerpt, perQuote), '');
  if (tip.excerpts.length === 0) lines.push('The passages for this tip are not in the index; the pages below cover it.');

  const citations = uniqueCitations(tip.excerpts.map((excerpt) => excerpt.citation));
  const fields: APIEmbedField[] = sourcesFields(citations);
  // Pages already under Sources are not listed again.
  const citedPaths = new Set(citations.map((citation) => citation.path));
  const more = tip.pages.filter((page) => !citedPaths.has(page.path));
  if (more.length > 0) fields.push({ name: 'Read more', value: linkList(more.slice(0, 10)) });
  const embed: APIEmbed = {
    author: { name: 'Key driver concepts and tips' },
    title: safeLine(tip.topic, 250),
    url: tip.pages[0]?.url,
    description: lines.join('\n').trim(),
    color: EMBED_COLOUR,
    fields,
    footer: { text: `${LEAD_IN_NOTE} ${tip.credit}` },
  };
  return {
    embeds: fitEmbeds([embed]),
    answered: true,
    citedUrls: [...citations.map((citation) => citation.url), ...tip.pages.map((page) => page.url)],
    pageUrl: tip.pages[0]?.url,
  };
}
