// Making user text and corpus text safe to put in a Discord message: it cannot break the
// message's markdown, cannot ping anybody whatever allowed_mentions says, cannot render
// channel links, timestamps or emoji, and cannot reorder itself with bidirectional overrides.
import type { TextSpan } from '../answer/types.ts';
import { LINK_URL_MAX, truncate } from './limits.ts';

const ZERO_WIDTH_SPACE = '\u200b';

/** Breaks `@everyone`, `@here` and `<@id>`/`<@!id>`/`<@&id>` with a zero-width space. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`).replace(/<@/g, `<@${ZERO_WIDTH_SPACE}`);
}

/**
 * Breaks the other `<…>` forms Discord renders: channel links `<#id>`, timestamps `<t:…>`,
 * command mentions `</name:id>`, custom emoji `<:name:id>`/`<a:name:id>`, guide links `<id:…>`.
 */
function neutraliseDiscordMarkup(text: string): string {
  return text.replace(/<(?=[#/:]|t:|a:|id:)/g, `<${ZERO_WIDTH_SPACE}`);
}

// C0 controls except tab and newline, DEL, C1 controls (ESC and CSI start terminal sequences).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional embeddings, overrides, isolates and marks: they reorder the text around them.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text without control characters or bidirectional overrides (safe for a terminal and for Discord). */
export function withoutControls(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(BIDI_CONTROLS, '');
}

/** Whitespace (including newlines) collapsed to single spaces, for one-line display. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Markdown-escaped, mention-neutralised text: shows exactly as written. Every character that
 * Discord's markdown gives a meaning is backslash-escaped (Discord shows "\_" as "_"), and
 * line starts that would make headings, quotes or lists are escaped too. Linear time: the
 * escapeMarkdown of discord.js uses look-behinds that take quadratic time on long text
 * (600 ms for 15,000 characters), and corpus text can be long.
 */
export function safeText(text: string): string {
  const escaped = withoutControls(text)
    .replace(/[\\*_`~|[\]]/g, '\\$&')
    .replace(/^([ \t]*)(#{1,3}\s|-#\s|>|-\s)/gm, '$1\\$2')
    // A backslash only escapes punctuation, so "1. " becomes "1\. ", not "\1. ".
    .replace(/^([ \t]*\d+)\.(\s)/gm, '$1\\.$2');
  return neutraliseDiscordMarkup(neutraliseMentions(escaped));
}

/** `safeText(oneLine(text))` cut to `max` characters, cut before escaping so no escape is split. */
export function safeLine(text: string, max: number): string {
  const line = oneLine(text);
  let budget = max;
  let out = safeText(truncate(line, budget));
  // Escaping adds characters; shrink the raw text until the escaped form fits.
  while (out.length > max && budget > 1) {
    budget -= Math.max(1, out.length - max);
    out = safeText(truncate(line, budget));
  }
  return out.length > max ? '' : out;
}

/** Text for the label of a masked link: also no brackets that would end the label early. */
export function safeLinkLabel(text: string, max: number): string {
  return safeLine(
    text.replace(/[[\]]/g, (c) => (c === '[' ? '(' : ')')),
    max,
  );
}

/**
 * An http(s) URL fit for a masked link or a link button: parentheses and spaces encoded so
 * the link cannot end early, at most 512 characters. undefined when unusable.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return href.length <= LINK_URL_MAX ? href : undefined;
}

/** `[label](url)`, or just the label when the URL is unusable. `label` must already be safe. */
export function maskedLink(label: string, url: string | undefined): string {
  const href = safeUrl(url);
  return href ? `[${label}](${href})` : label;
}

/**
 * Excerpt spans as safe markdown with query-term spans in bold, at most `max` characters.
 * Shortening happens on the raw text of one span, so bold markers always stay paired and
 * no escape sequence is split.
 */
export function formatSpans(spans: readonly TextSpan[], max: number): string {
  const parts = normaliseSpans(spans);
  let out = '';
  for (let i = 0; i < parts.length; i += 1) {
    const span = parts[i]!;
    const piece = formatSpan(span.text, span.match);
    const more = i < parts.length - 1;
    if (out.length + piece.length + (more ? 1 : 0) <= max) {
      out += piece;
      continue;
    }
    const lead = /^\s/.test(span.text) ? ' ' : '';
    const room = max - out.length - lead.length - (span.match ? 4 : 0);
    const cut = room >= 2 ? safeLine(span.text, room) : '';
    if (cut !== '') {
      out += lead + (span.match ? `**${cut}**` : cut);
      if (!cut.endsWith('…') && out.length < max) out += '…';
    } else if (out.length < max) {
      out += '…';
    }
    break;
  }
  return out;
}

/**
 * Adjacent spans joined, whitespace collapsed (line breaks kept: a quoted list or table
 * keeps its lines), so bold markers do not touch spaces.
 */
function normaliseSpans(spans: readonly TextSpan[]): TextSpan[] {
  const out: TextSpan[] = [];
  for (const span of spans) {
    const text = span.text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n');
    if (text === '') continue;
    const previous = out[out.length - 1];
    if (previous && previous.match === span.match) previous.text += text;
    else out.push({ text, match: span.match });
  }
  if (out[0]) out[0].text = out[0].text.trimStart();
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out.filter((span) => span.text !== '');
}

function formatSpan(text: string, match: boolean): string {
  if (!match) return safeText(text);
  return boldify(safeText(text));
}

/** Bold with the surrounding whitespace kept outside the markers (`** x**` would not render). */
function boldify(safe: string): string {
  const lead = safe.match(/^\s*/)?.[0] ?? '';
  const trail = safe.match(/\s*$/)?.[0] ?? '';
  const core = safe.slice(lead.length, safe.length - trail.length);
  return core === '' ? safe : `${lead}**${core}**${trail}`;
}
