// What passage scoring reads from a piece of quotable text (its tokens, how much of it is
// about the page rather than the subject, its words), worked out once per text and kept
// across questions. Passages overlap (the windows of a paragraph share sentences, the rows
// of a table share its header and lead-in) and popular sections recur from one question to
// the next, so most of this work repeats; the caches are bounded, so memory does not grow
// with the questions asked.
import { tokenize } from '../../indexer/tokenizer.ts';
import { BoundedCache } from './bounded-cache.ts';
import { subjectAndMetaChars } from './passages.ts';

/** Entries each cache keeps. Measured on the full index, these two and the section passages
 *  hold about 30 MB in all: 32 MB after 3,300 different questions, 29 MB after 8,300. */
export const textCacheLimits = { texts: 30_000, words: 50_000 } as const;

const wordTokens = new BoundedCache<string, readonly string[]>(textCacheLimits.words);

/**
 * A copy of a piece cut from a longer string that does not keep the longer one in memory
 * (V8 keeps the whole string behind a slice of it): a cached word must not hold on to the
 * section it was read in.
 */
export function detached(piece: string): string {
  return ` ${piece}`.slice(1);
}

const noTokens: readonly string[] = Object.freeze([]);

/** The tokens in an array of their own size (a growing array keeps spare room), and one
 *  shared empty array for the many words that give none (stop words). */
function compact(tokens: string[]): readonly string[] {
  return tokens.length === 0 ? noTokens : tokens.slice();
}

/** `tokenize(word)` for a word as written (no whitespace in it). */
export function tokensOfWord(word: string): readonly string[] {
  let tokens = wordTokens.get(word);
  if (tokens === undefined) {
    const own = detached(word);
    wordTokens.set(own, (tokens = compact(tokenize(own))));
  }
  return tokens;
}
const textFactsCache = new BoundedCache<string, TextFacts>(textCacheLimits.texts);
const whitespace = /\s+/;

/**
 * What `weightCovered` in query-analysis gives for the texts joined by spaces (the weights
 * of their distinct tokens, summed in the order the texts hold them), from kept tokens: the
 * first text's words, and the facts of the others (sections, which recur across questions).
 */
export function weightOfDistinctTokens(texts: readonly string[], weights: ReadonlyMap<string, number>): number {
  const tokens = new Set<string>();
  texts.forEach((text, i) => {
    if (i === 0) addTokens(text, tokens);
    else for (const token of textFacts(text).tokens) tokens.add(token);
  });
  let covered = 0;
  for (const token of tokens) covered += weights.get(token) ?? 0;
  return covered;
}

/**
 * Tokens of a text in order, as `tokenize` gives them, from the tokens of each word as
 * written (the text cut at whitespace, which no token spans): the docs' vocabulary recurs,
 * so a word's tokens are worked out once, not at every occurrence.
 */
function addTokens(text: string, out: Set<string>): void {
  for (const word of text.split(whitespace)) {
    if (word !== '') for (const token of tokensOfWord(word)) out.add(token);
  }
}

/** Words of a text, lower-cased, for comparing runs of words. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Places inside a line where sentences were left out ("…" between kept sentences; the "…"
 *  that stands for left-out list items or table rows is how the docs' lists are quoted). */
function elisionsIn(text: string): number {
  if (!text.includes('…')) return 0;
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '…') continue;
    count += (line.trimEnd().replace(/…$/, '').match(/…/g) ?? []).length;
  }
  return count;
}

/** Facts of one text, each worked out when first read. Shared across questions: read only. */
export class TextFacts {
  private tokenSet?: ReadonlySet<string>;
  private afterLead?: { length: number; tokens: ReadonlySet<string> };
  private words?: string;
  private subjectMeta?: { subject: number; meta: number };
  private elisionCount?: number;

  constructor(readonly text: string) {}

  /** Distinct tokens, in the order the text holds them (sums over them add up in that order). */
  get tokens(): ReadonlySet<string> {
    if (!this.tokenSet) {
      const out = new Set<string>();
      addTokens(this.text, out);
      this.tokenSet = out;
    }
    return this.tokenSet;
  }

  /** Tokens of the text after its first `length` characters (a row below the lead that introduces its table). */
  tokensAfter(length: number): ReadonlySet<string> {
    if (this.afterLead?.length !== length) this.afterLead = { length, tokens: textFacts(this.text.slice(length)).tokens };
    return this.afterLead.tokens;
  }

  /** The text's words, lower-cased, each with one space before and after it: a run of words
   *  occurs in the text exactly when " w1 w2 … " occurs in this line. */
  get wordLine(): string {
    this.words ??= ` ${words(this.text).join(' ')} `;
    return this.words;
  }

  /** Characters in sentences about the subject and in sentences about the page. */
  get subjectAndMeta(): { readonly subject: number; readonly meta: number } {
    this.subjectMeta ??= subjectAndMetaChars(this.text);
    return this.subjectMeta;
  }

  get elisions(): number {
    this.elisionCount ??= elisionsIn(this.text);
    return this.elisionCount;
  }
}

export function textFacts(text: string): TextFacts {
  return textFactsCache.getOrMake(text, (key) => new TextFacts(key));
}

/** How many entries each cache holds now. */
export function textCacheSizes(): { texts: number; words: number } {
  return { texts: textFactsCache.size, words: wordTokens.size };
}

/** Forgets everything (tests compare answers from cold and warm caches). */
export function clearTextCaches(): void {
  textFactsCache.clear();
  wordTokens.clear();
}
