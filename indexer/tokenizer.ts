// A tokenizer made for driver documentation. Identifiers are the words that matter most
// here (IoQueueWorkItem, IRP_MJ_DEVICE_CONTROL, DO_DEVICE_INITIALIZING, kernel-mode, 0x9F),
// so each one yields its whole form (exact lookups) and its parts (so "work item" finds
// IoQueueWorkItem). Plain English words are stemmed with Orama's English stemmer and
// Orama's English stop words are dropped.
import type { Tokenizer } from '@orama/orama';
import { stemmer } from '@orama/stemmers/english';
import { stopwords as oramaEnglishStopWords } from '@orama/stopwords/english';

// Orama's list lacks "a"; "also" and "e.g." carry no meaning in these docs either.
const stopWords = new Set<string>([...oramaEnglishStopWords, 'a', 'also', 'e', 'g', 'eg', 'ie']);

// A run of word characters, possibly joined by - . _ ' (kernel-mode, wdm.h, IRP_MJ_CREATE).
const wordPattern = /[\p{L}\p{N}_]+(?:['’.\-][\p{L}\p{N}_]+)*/gu;
const hexPattern = /^0x0*([0-9a-f]+)$/;
// Splits CamelCase and letter/digit boundaries: KeAcquireSpinLock → Ke Acquire Spin Lock,
// WDFDEVICE_INIT → WDFDEVICE INIT, Win32k → Win 32 k.
const camelPartPattern = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu;
const hasInnerUpper = /\p{Ll}\p{Lu}|\p{Lu}{2,}\p{Ll}/u;
const pluralAbbreviation = /^\p{Lu}{2,}s$/u;

const stemCache = new Map<string, string>();
const stemCacheLimit = 200_000;

/** Stems a lower-case plain word, remembering results: the corpus repeats its vocabulary. */
export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = word.length <= 3 || /\d/.test(word) ? word : stemmer(word);
    if (stemCache.size < stemCacheLimit) stemCache.set(word, stem);
  }
  return stem;
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/** Hex numbers compare by value as written in bug checks: 0x0000009F and 0x9f are one token. */
function normaliseHex(lower: string): string | undefined {
  const match = hexPattern.exec(lower);
  return match ? `0x${match[1]}` : undefined;
}

function pushPlainWord(lower: string, out: string[]): void {
  if (lower.length < 2 && !/\d/.test(lower)) return;
  if (stopWords.has(lower)) return;
  out.push(stemWord(lower));
}

function isIdentifierLike(word: string): boolean {
  return /[_\-.'’]/.test(word) || hasInnerUpper.test(word) || (/\d/.test(word) && /\p{L}/u.test(word));
}

export interface TokenizeOptions {
  /** Also emit the stemmed parts of identifiers (default true). */
  identifierParts?: boolean;
}

/**
 * Tokens of `text` in order, duplicates kept (term frequency matters for ranking).
 * Identifier-like words give their whole lower-case form plus their stemmed parts.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const withParts = options.identifierParts ?? true;
  const out: string[] = [];
  for (const match of text.matchAll(wordPattern)) {
    let word = match[0];
    // Possessives add nothing: "driver's" is "driver".
    if (/['’]s$/i.test(word)) word = word.slice(0, -2);
    // Plural abbreviations (IRPs, DPCs, MDLs) are the abbreviation, not CamelCase.
    if (pluralAbbreviation.test(word)) word = word.slice(0, -1);
    const lower = word.toLowerCase();
    const hex = normaliseHex(lower);
    if (hex) {
      out.push(hex);
      continue;
    }
    if (!isIdentifierLike(word)) {
      pushPlainWord(lower, out);
      continue;
    }
    out.push(lower.replace(/’/g, "'"));
    if (!withParts) continue;
    for (const piece of word.split(/[_\-.'’]+/)) {
      if (!piece) continue;
      const pieceHex = normaliseHex(piece.toLowerCase());
      if (pieceHex) {
        out.push(pieceHex);
        continue;
      }
      const parts = piece.match(camelPartPattern) ?? [piece];
      // A piece that is itself CamelCase (IoQueueWorkItem inside IoQueueWorkItem.md) also
      // counts whole, so that its exact name matches even when joined to something else.
      if (parts.length > 1 && piece.length !== word.length) out.push(piece.toLowerCase());
      for (const part of parts) pushPlainWord(part.toLowerCase(), out);
    }
  }
  return out;
}

/** Distinct tokens of a query, in first-seen order. */
export function queryTokens(text: string): string[] {
  return [...new Set(tokenize(text))];
}

/**
 * The tokenizer in Orama's component shape. Fields named in `wholeIdentifierFields` keep
 * identifiers whole: in a page title, the parts of KeReleaseSpinLockForDpc are not
 * evidence that the page is about "release" or "spin locks" the way a title word is.
 */
export function createOramaTokenizer(wholeIdentifierFields: readonly string[] = []): Tokenizer {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize: (raw: string, _language?: string, prop?: string) =>
      tokenize(raw, { identifierParts: !(prop !== undefined && wholeIdentifierFields.includes(prop)) }),
  };
}

/**
 * Autocomplete wants prefixes of what people type, not stems: "iocre" must reach
 * IoCreateDevice and "createdev" must reach it too. Indexed text (a property is named)
 * gives whole words, unstemmed identifier parts and the suffixes of identifiers from each
 * part boundary; a query (no property) gives its whole words only, each matched as a
 * prefix, so "KeAcquire" means names starting with KeAcquire, not anything with "acquire".
 */
export function createPrefixTokenizer(): Tokenizer {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize: (raw: string, _language?: string, prop?: string) => {
      const out = new Set<string>();
      for (const match of raw.matchAll(wordPattern)) {
        const word = match[0];
        out.add(word.toLowerCase());
        if (prop === undefined) continue;
        for (const piece of word.split(/[_\-.'’]+/)) {
          if (!piece) continue;
          out.add(piece.toLowerCase());
          const parts = piece.match(camelPartPattern) ?? [];
          for (let i = 1; i < parts.length; i += 1) out.add(parts.slice(i).join('').toLowerCase());
        }
      }
      return [...out];
    },
  };
}
