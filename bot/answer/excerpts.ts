// Picks the most relevant sentences of a chunk for a question and marks the query terms.
import { tokenize } from '../../indexer/tokenizer.ts';
import type { TextSpan } from './types.ts';

export const maxExcerptChars = 420;
const maxUnits = 3;

/** Sentences and list/table lines of a chunk, in order. */
export function textUnits(text: string): string[] {
  const units: string[] = [];
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    // Lines that are list items or table rows stand alone; prose splits into sentences.
    if (/^(?:[-*]|\d+\.)\s|\|/.test(trimmed)) {
      units.push(trimmed);
      continue;
    }
    for (const sentence of trimmed.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(\[<*_`])/)) if (sentence.trim()) units.push(sentence.trim());
  }
  return units;
}

/** Sum of the weights of the query tokens `unit` contains, each counted once. */
export function unitScore(unit: string, weights: Map<string, number>): number {
  let score = 0;
  for (const token of new Set(tokenize(unit))) score += weights.get(token) ?? 0;
  return score;
}

/** Shortens `text` to about `limit` characters around its first query term, at word boundaries. */
function trimAround(text: string, weights: Map<string, number>, limit: number): string {
  if (text.length <= limit) return text;
  let first = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}_]+(?:[-.'][\p{L}\p{N}_]+)*/gu)) {
    if (tokenize(match[0]).some((token) => weights.has(token))) {
      first = match.index!;
      break;
    }
  }
  let start = Math.max(0, first - Math.floor(limit / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + limit);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

export interface PickedExcerpt {
  text: string;
  /** Sum of the weights of the query tokens the excerpt contains (each counted once). */
  coverage: number;
}

/** The best run of up to three consecutive units of `text` for the weighted query tokens. */
export function pickExcerpt(text: string, weights: Map<string, number>, limit = maxExcerptChars): PickedExcerpt {
  const units = textUnits(text);
  if (units.length === 0) return { text: '', coverage: 0 };
  const scores = units.map((unit) => unitScore(unit, weights));
  let best = { start: 0, end: 1, score: -1 };
  for (let start = 0; start < units.length; start += 1) {
    let length = 0;
    let score = 0;
    for (let end = start; end < Math.min(units.length, start + maxUnits); end += 1) {
      length += units[end]!.length + 1;
      if (end > start && length > limit) break;
      score += scores[end]!;
      // Extra sentences must earn their place; ties keep the shorter, earlier run.
      const adjusted = score - 0.01 * (end - start);
      if (adjusted > best.score) best = { start, end: end + 1, score: adjusted };
    }
  }
  const excerpt = trimAround(units.slice(best.start, best.end).join(' '), weights, limit);
  return { text: excerpt, coverage: unitScore(excerpt, weights) };
}

/** Splits text into spans, marking words whose tokens are query tokens. */
export function markQueryTerms(text: string, queryTokens: ReadonlySet<string>): TextSpan[] {
  const spans: TextSpan[] = [];
  let last = 0;
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const previous = spans[spans.length - 1];
    if (previous && previous.match === match) previous.text += piece;
    else spans.push({ text: piece, match });
  };
  for (const found of text.matchAll(/[\p{L}\p{N}_]+(?:[-.'][\p{L}\p{N}_]+)*/gu)) {
    const word = found[0];
    if (!tokenize(word).some((token) => queryTokens.has(token))) continue;
    push(text.slice(last, found.index), false);
    push(word, true);
    last = found.index! + word.length;
  }
  push(text.slice(last), false);
  return spans;
}
