// ApiCard → a facts card (header, IRQL, library, minimum Windows, description, link) plus the
// conceptual pages that discuss the API.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { DOCS_CREDIT } from '../answer/credit.ts';
import { apiFactEntries } from '../answer/api-facts.ts';
import type { ApiCard, RelatedPage, Suggestion } from '../answer/types.ts';
import { truncate } from './limits.ts';
import { EMBED_COLOUR, NO_ANSWER_COLOUR, type RenderedView, fitEmbeds, linkList } from './render-common.ts';
import { safeLine, safeText } from './safe-text.ts';

export function renderApiCard(card: ApiCard, discussedIn: readonly RelatedPage[]): RenderedView {
  const fields: APIEmbedField[] = [];
  fields.push({ name: 'Kind', value: safeLine(card.facts.kind, 300), inline: true });
  for (const [name, value] of apiFactEntries(card.facts)) fields.push({ name, value: safeLine(value, 300), inline: true });
  const cited = new Set([card.url]);
  const pages = discussedIn.filter((page) => (cited.has(page.url) ? false : (cited.add(page.url), true)));
  if (pages.length > 0) fields.push({ name: 'Discussed in', value: linkList(pages.slice(0, 8)) });
  const embed: APIEmbed = {
    title: safeLine(card.name, 250),
    url: card.url,
    description: safeText(truncate(card.description.trim() || card.pageTitle, 1500)),
    color: EMBED_COLOUR,
    fields,
    footer: { text: DOCS_CREDIT },
  };
  return {
    embeds: fitEmbeds([embed]),
    answered: true,
    citedUrls: [card.url, ...pages.map((page) => page.url)],
    pageUrl: card.url,
  };
}

export function renderUnknownApi(name: string, suggestions: readonly Suggestion[]): RenderedView {
  const closest = suggestions.slice(0, 10).map((suggestion) => `• ${safeLine(suggestion.name, 100)}`);
  const embed: APIEmbed = {
    title: `No API named ${safeLine(name, 200)}`,
    description:
      closest.length > 0
        ? `I could not find that API. Did you mean one of these?\n${closest.join('\n')}`
        : 'I could not find that API in the reference pages. Check the spelling, or try `/search`.',
    color: NO_ANSWER_COLOUR,
    footer: { text: DOCS_CREDIT },
  };
  return { embeds: fitEmbeds([embed]), answered: false, unansweredReason: 'unknown-api', citedUrls: [] };
}
