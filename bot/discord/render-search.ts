// PageHit[] → a short list of linked titles with one-line excerpts; one PageHit → a page card.
import type { APIEmbed } from 'discord.js';
import { DOCS_CREDIT } from '../answer/credit.ts';
import type { PageHit } from '../answer/types.ts';
import { EMBED_COLOUR, NO_ANSWER_COLOUR, type RenderedView, fitEmbeds } from './render-common.ts';
import { maskedLink, safeLine, safeLinkLabel } from './safe-text.ts';
import { whereLine } from './where-line.ts';

export const SEARCH_PAGE_SIZE = 5;

export function renderSearch(query: string, hits: readonly PageHit[], offset: number, pageSize = SEARCH_PAGE_SIZE): RenderedView {
  const title = `Search: ${safeLine(query, 200)}`;
  if (hits.length === 0) {
    const embed: APIEmbed = {
      title,
      description:
        offset > 0
          ? 'No more pages match.'
          : 'No documentation page matched. Try other words, an API name, or `/ask` with a full question.',
      color: NO_ANSWER_COLOUR,
      footer: { text: DOCS_CREDIT },
    };
    return { embeds: fitEmbeds([embed]), answered: offset > 0, unansweredReason: 'no-match', citedUrls: [] };
  }
  const lines = hits.map((hit, i) => {
    const heading = `**${offset + i + 1}.** ${maskedLink(safeLinkLabel(hit.title, 150), hit.url)}`;
    const section = hit.section ? ` › ${maskedLink(safeLinkLabel(hit.section, 80), hit.sectionUrl)}` : '';
    const where = whereLine(hit.breadcrumb);
    const snippet = safeLine(hit.snippet, 300);
    return [`${heading}${section}`, ...(where ? [`*${where}*`] : []), snippet].join('\n');
  });
  const embed: APIEmbed = {
    title,
    description: lines.join('\n\n'),
    color: EMBED_COLOUR,
    footer: { text: DOCS_CREDIT },
  };
  return {
    embeds: fitEmbeds([embed]),
    answered: true,
    citedUrls: hits.map((hit) => hit.url),
    pageUrl: hits[0]?.url,
    ...(hits.length >= pageSize ? { nextOffset: offset + hits.length } : {}),
  };
}

/** One page, chosen from the title suggestions. */
export function renderPageHit(hit: PageHit): RenderedView {
  const fields = [];
  const where = whereLine(hit.breadcrumb, 200);
  if (where) fields.push({ name: 'In', value: where, inline: true });
  if (hit.section) {
    fields.push({ name: 'Section', value: maskedLink(safeLinkLabel(hit.section, 200), hit.sectionUrl), inline: true });
  }
  const embed: APIEmbed = {
    title: safeLine(hit.title, 250),
    url: hit.url,
    description: safeLine(hit.snippet, 1500),
    color: EMBED_COLOUR,
    fields,
    footer: { text: DOCS_CREDIT },
  };
  return { embeds: fitEmbeds([embed]), answered: true, citedUrls: [hit.url], pageUrl: hit.url };
}
