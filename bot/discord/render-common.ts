// What every rendered view shares: the colour, and the last line of defence
// that brings any embed within Discord's limits.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import {
  EMBED_AUTHOR_NAME_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  truncate,
} from './limits.ts';
import { maskedLink, safeLinkLabel, safeUrl } from './safe-text.ts';

/** Microsoft Learn blue. */
export const EMBED_COLOUR = 0x0078d4;
export const NO_ANSWER_COLOUR = 0x8a8886;

/** A rendered view: what a command or button shows, before buttons are added. */
export interface RenderedView {
  embeds: APIEmbed[];
  /** Whether the view found what was asked for (false: recorded as unanswered). */
  answered: boolean;
  /** Why not, when not answered. */
  unansweredReason?: string;
  /** URLs the view cites, recorded with feedback. */
  citedUrls: string[];
  /** Page for the "Open page" link button. */
  pageUrl?: string;
  /** Offset of the next results, when "More sources" can show more. */
  nextOffset?: number;
}

/** "• [Title](url)" lines, as many as fit in one field value. */
export function linkList(items: readonly { title: string; url: string }[], max = EMBED_FIELD_VALUE_MAX): string {
  const lines: string[] = [];
  let used = 0;
  for (const item of items) {
    const line = `• ${maskedLink(safeLinkLabel(item.title, 150), item.url)}`;
    if (used + line.length + 1 > max) break;
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}

/** Characters Discord counts towards the 6,000 of a message. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title ?? '').length + (embed.description ?? '').length;
  total += (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Clamps every part of each embed to its limit, then, while the message is over 6,000
 * characters, drops trailing fields (never the first) and finally shortens descriptions.
 * Renderers budget their text so this rarely cuts; it guarantees a valid payload.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.map(clampEmbed);
  const total = () => fitted.reduce((sum, embed) => sum + embedLength(embed), 0);
  for (const embed of [...fitted].reverse()) {
    while (total() > EMBED_TOTAL_MAX && (embed.fields?.length ?? 0) > 1) embed.fields!.pop();
  }
  for (const embed of [...fitted].reverse()) {
    const over = total() - EMBED_TOTAL_MAX;
    if (over <= 0) break;
    if (embed.description) embed.description = cutMarkdown(embed.description, Math.max(0, embed.description.length - over));
  }
  return fitted;
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, EMBED_TITLE_MAX);
  if (out.description !== undefined) out.description = cutMarkdown(out.description, EMBED_DESCRIPTION_MAX);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, EMBED_FOOTER_MAX) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, EMBED_AUTHOR_NAME_MAX) };
  if (out.url !== undefined) {
    const url = safeUrl(out.url);
    if (url) out.url = url;
    else delete out.url;
  }
  if (out.fields) {
    out.fields = out.fields
      .filter((field) => field.value.trim() !== '' && field.name.trim() !== '')
      .slice(0, EMBED_FIELDS_MAX)
      .map(
        (field): APIEmbedField => ({
          ...field,
          name: truncate(field.name, EMBED_FIELD_NAME_MAX),
          value: cutMarkdown(field.value, EMBED_FIELD_VALUE_MAX),
        }),
      );
  }
  return out;
}

/**
 * Shortens rendered markdown at a line boundary when it can (keeping links and bold intact),
 * otherwise with `truncate`.
 */
function cutMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  while (lines.length > 1 && lines.join('\n').length + 2 > max) lines.pop();
  const kept = lines.join('\n');
  if (kept.length + 2 <= max && lines.length > 0 && kept !== text) return `${kept}\n…`.trimStart();
  return truncate(text, max);
}
