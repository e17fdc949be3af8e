// KeyTip → embed: the topic, our own summary, and the current pages that cover it.
import type { APIEmbed } from 'discord.js';
import type { KeyTip } from '../answer/types.ts';
import { truncate } from './limits.ts';
import { DOCS_CREDIT, EMBED_COLOUR, type RenderedView, fitEmbeds, linkList } from './render-common.ts';
import { safeLine, safeText } from './safe-text.ts';

export function renderKeyTip(tip: KeyTip): RenderedView {
  const fields = tip.pages.length > 0 ? [{ name: 'Read more', value: linkList(tip.pages.slice(0, 10)) }] : [];
  const embed: APIEmbed = {
    author: { name: 'Key driver concepts and tips' },
    title: safeLine(tip.topic, 250),
    url: tip.pages[0]?.url,
    description: safeText(truncate(tip.summary, 2500)),
    color: EMBED_COLOUR,
    fields,
    footer: { text: `Summary written for this bot. Pages: ${DOCS_CREDIT.replace(/^Source: /, '')}` },
  };
  return {
    embeds: fitEmbeds([embed]),
    answered: true,
    citedUrls: tip.pages.map((page) => page.url),
    pageUrl: tip.pages[0]?.url,
  };
}
