// Emphasis in quoted text: the words of an excerpt that are the question's distinctive terms.
import { tokensOfWord } from './text-facts.ts';
import type { TextSpan } from './types.ts';

/** Splits text into spans, marking words whose tokens are among `emphasis`. */
export function markQueryTerms(text: string, emphasis: ReadonlySet<string>): TextSpan[] {
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
    if (!tokensOfWord(word).some((token) => emphasis.has(token))) continue;
    push(text.slice(last, found.index), false);
    push(word, true);
    last = found.index! + word.length;
  }
  push(text.slice(last), false);
  return spans;
}
