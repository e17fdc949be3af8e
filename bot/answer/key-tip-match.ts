// /ask and the key tips: when a question is a key tip's question, the tip's curated pages
// are preferred sources. Preferred, never a replacement: preferTipPages only reorders what
// retrieval found, it neither adds a page retrieval did not find nor drops one.
import { keyTipPagePaths, keyTips, type KeyTipSource } from '../../corpus/key-tips.ts';
import { tokenize } from '../../indexer/tokenizer.ts';

/** Share of the question's words the tip's own wording must contain to count as its question. */
const minShareOfQuestion = 0.6;
/** Fewer shared words than this is chance, however short the question. */
const minSharedWords = 2;

/** Distinct words, identifiers kept whole: the parts of IoQueueWorkItem are not three more
 *  words in common with a question that merely names it. */
function wordsOf(text: string): string[] {
  return [...new Set(tokenize(text, { identifierParts: false }))];
}

function vocabulary(tip: KeyTipSource): Set<string> {
  const wording = [tip.topic, tip.question, ...tip.quotes.map((quote) => quote.focus ?? '')].join(' ');
  return new Set(wordsOf(wording));
}

const vocabularies = new Map(keyTips.map((tip) => [tip.id, vocabulary(tip)]));

/** The key tip a question asks about, if one clearly does: the best by shared words. */
export function keyTipForQuestion(question: string): KeyTipSource | undefined {
  const words = wordsOf(question);
  if (words.length === 0) return undefined;
  let best: { tip: KeyTipSource; shared: number } | undefined;
  for (const tip of keyTips) {
    const known = vocabularies.get(tip.id)!;
    const shared = words.filter((word) => known.has(word)).length;
    if (shared < minSharedWords || shared / words.length < minShareOfQuestion) continue;
    if (!best || shared > best.shared) best = { tip, shared };
  }
  return best?.tip;
}

/** The pages to prefer for a question: its key tip's quoted pages first, then its others. */
export function preferredPagesFor(question: string): string[] {
  const tip = keyTipForQuestion(question);
  return tip ? keyTipPagePaths(tip) : [];
}

/**
 * Retrieval results with those on preferred pages moved to the front (in retrieval order),
 * the rest after them, unchanged. Nothing is added or dropped.
 */
export function preferTipPages<T>(results: readonly T[], preferred: readonly string[], pathOf: (result: T) => string): T[] {
  if (preferred.length === 0) return [...results];
  const wanted = new Set(preferred);
  return [...results.filter((result) => wanted.has(pathOf(result))), ...results.filter((result) => !wanted.has(pathOf(result)))];
}
