// A question, analysed once: its words and how much each says in this corpus, the
// identifiers and numbers it names, and what kind of answer it wants. Retrieval, passage
// choice and composition all read this one result instead of re-tokenising the question.
import { glossaryExpansions } from './glossary.ts';
import type { LoadedIndex } from './load-index.ts';
import { termSignals } from './ranking-signals.ts';
import { termWeights } from './term-weights.ts';
import { queryTokens, tokenize } from './tokenizer.ts';

/** What the question asks for; a question may ask several things at once. */
export type Intent =
  /** At what IRQL may it be called / does it run. */
  | 'irql'
  /** What it returns, which status codes. */
  | 'returns'
  /** What happens if, may I, must I, is it safe, why does: the Remarks kind of question. */
  | 'behaviour'
  /** When is it called / when must I. */
  | 'when'
  /** How do I, how to: steps and procedures. */
  | 'how-to'
  /** Which parameter, member, field or flag means what. */
  | 'parameter'
  /** What is / what does X mean: a definition. */
  | 'definition'
  /** Is it still supported, deprecated, what replaces it, what to use instead. */
  | 'status';

export interface QueryAnalysis {
  /** The question as searched. */
  text: string;
  /** The question plus the abbreviations the docs use for phrases it spells out. */
  searchText: string;
  /** Distinct tokens of searchText, in order. */
  tokens: string[];
  /** Tokens that come only from splitting the question's identifiers (the "io" of IoQueueWorkItem). */
  partsOnly: Set<string>;
  /** Token → how much it says (capped IDF; common words count little). */
  weights: Map<string, number>;
  /** Sum of all weights. */
  totalWeight: number;
  /** Words written as identifiers (IoQueueWorkItem, IRP_MJ_CREATE, DO_DEVICE_INITIALIZING, 0x9F), as typed. */
  identifiers: string[];
  /** Lower-cased whole-form tokens of those identifiers. */
  identifierTokens: Set<string>;
  /** The entities every quoted passage must name (in its text or citation): the API names
   *  the question spells out. Empty when it names none. */
  keyEntities: Set<string>;
  /** Whole-form token of the first identifier named, other than one it contrasts: what the question is about. */
  subject?: string;
  /** Identifier tokens named only to set them against the subject ("ported from X", "instead of Y"). */
  contrasted: Set<string>;
  /** API names the question spells out, with the pages documenting them. */
  apiNames: Map<string, number[]>;
  /** Debugger commands the question spells out ("!drivers", ".opendump"), with the pages
   *  titled by them. Their names are often plain words ("drivers", "process"), so the words
   *  alone would never find them. */
  commandNames: Map<string, number[]>;
  /** Numbers named, in both forms ("0x12b" and "299"), as the tokenizer writes them. */
  numberForms: Set<string>;
  intents: Set<Intent>;
  /** Tokens worth emphasising in quoted text: identifiers and distinctive words. */
  emphasis: Set<string>;
}

/** Names that are identifiers (IoQueueWorkItem, IRP_MN_REMOVE_DEVICE, CONTEXT), not plain words. */
const identifierName = /[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]|^[A-Z][A-Z0-9]{3,}$/;
/** A word of the question written as an identifier: mixed case, underscores, or a hex number. */
const identifierWord = /[a-z][A-Z]|[A-Z]{2,}[a-z]+[A-Z]|[A-Za-z0-9]_[A-Za-z0-9]|^0x[0-9a-fA-F]+$/;

const intentPatterns: ReadonlyArray<readonly [Intent, RegExp]> = [
  [
    'irql',
    // Calling something from an ISR or a DPC is asking whether it may run at that IRQL.
    /\birql\b|\b(?:passive|apc|dispatch|dirql)_level\b|\bwhat level\b|\b(?:from|in|inside|within) (?:an? |my |the |our )?(?:isr|dpc|interrupt service routine|deferred procedure call)s?\b/i,
  ],
  ['returns', /\breturn(?:s|ed|ing)?\b|\bstatus_[a-z_]+\b|\berror codes?\b|\bfails? with\b/i],
  [
    'behaviour',
    /\bwhat happens\b|\bwhat if\b|\bhappen(?:s|ed)?\b|\bbehaviou?r\b|\bsafe\b|\ballowed\b|\b(?:can|may|must|should) (?:i|we|you|a|the|it|my|this)\b|\bis it (?:ok|okay|possible|necessary|required)\b|\bdo (?:i|we) (?:need|have)\b|\bwhy\b|\brequired?\b|\bguarantee/i,
  ],
  ['when', /\bwhen\b|\bbefore\b|\bafter\b|\border\b/i],
  ['how-to', /\bhow (?:do|can|to|should|would)\b|\bsteps?\b|\bexample\b|\bconfigure\b|\benable\b|\bdisable\b|\binstall\b|\bset up\b/i],
  ['parameter', /\bparam(?:eter)?s?\b|\barguments?\b|\bmembers?\b|\bfields?\b|\bflags?\b|\bvalues?\b|\bmeaning\b|\bbits?\b/i],
  ['definition', /\bwhat (?:is|are|does)\b|\bmeaning of\b|\bdifference\b/i],
  [
    'status',
    /\b(?:use|using|do|call|choose|pick) (?:\S+ ){0,3}instead\b|\binstead\?|\balternatives?\b|\breplace(?:d|ment|s)?\b|\bdeprecated\b|\bobsolete\b|\bno longer\b|\bsuperseded\b|\bstill (?:supported|available|works?|exists?|valid)\b|\bstill support\b|\bis it still\b/i,
  ],
];

function detectIntents(text: string): Set<Intent> {
  return new Set(intentPatterns.filter(([, pattern]) => pattern.test(text)).map(([intent]) => intent));
}

/** Numbers of the question in hex and decimal forms, as tokens ("0x12b", "299"), and its versions ("2.4.6"). */
function numberFormsOf(text: string): Set<string> {
  const forms = new Set<string>();
  // "parameter 1", "Windows 10", "version 2", "build 17134" are labels, not values.
  const labelled = /\b(?:param(?:eter)?|arg(?:ument)?|windows|version|build|v|step|level|win|server|kmdf|umdf|ndis)\s*$/i;
  const givenAsValue = /(?:\b(?:is|was|are|were|be|equals?|of|it's)|=)\s*$/i;
  for (const match of text.matchAll(/\b(0x[0-9a-f]+|\d+)\b/gi)) {
    const written = match[1]!.toLowerCase();
    // A part of a version ("22621" of "10.0.22621.1") or of a dotted decoration ("17134" of
    // "NTamd64.10.0...17134") is not a number of its own.
    const end = match.index! + written.length;
    if (text[match.index! - 1] === '.' || /^\.\d/.test(text.slice(end, end + 2))) continue;
    const before = text.slice(Math.max(0, match.index! - 12), match.index);
    const value = written.startsWith('0x') ? Number.parseInt(written, 16) : Number.parseInt(written, 10);
    if (!Number.isSafeInteger(value)) continue;
    if (!written.startsWith('0x') && labelled.test(before)) continue;
    // A small number is a value only when the question gives it as one ("argument is 3").
    if (!written.startsWith('0x') && value < 10 && !givenAsValue.test(before)) continue;
    forms.add(`0x${value.toString(16)}`);
    forms.add(String(value));
  }
  // A version of three parts or more ("2.4.6", "10.0.22621.1") names one release exactly.
  for (const match of text.matchAll(/(?<![\d.])(\d+(?:\.\d+){2,})(?![\w.]*\w)/g)) forms.add(match[1]!);
  return forms;
}

/** Lower-cased API name → pages documenting it (built once per loaded index). */
const apiNameMaps = new WeakMap<LoadedIndex, Map<string, number[]>>();

export function apiNameMap(index: LoadedIndex): Map<string, number[]> {
  let map = apiNameMaps.get(index);
  if (!map) {
    map = new Map();
    for (const [pageIndex, page] of index.pages.entries()) {
      if (!page.api || page.api.kind === 'header') continue;
      for (const name of page.api.names) {
        if (!identifierName.test(name)) continue;
        const key = name.toLowerCase();
        const list = map.get(key);
        if (list) list.push(pageIndex);
        else map.set(key, [pageIndex]);
      }
    }
    apiNameMaps.set(index, map);
  }
  return map;
}

/** Lower-cased debugger command ("!drivers", ".opendump") → pages titled by it. */
const commandNameMaps = new WeakMap<LoadedIndex, Map<string, number[]>>();

function commandNameMap(index: LoadedIndex): Map<string, number[]> {
  let map = commandNameMaps.get(index);
  if (!map) {
    map = new Map();
    for (const [pageIndex, page] of index.pages.entries()) {
      const command = /^([!.][A-Za-z][\w.-]*)(?:\s|$)/.exec(page.title)?.[1]?.toLowerCase();
      if (!command) continue;
      const list = map.get(command);
      if (list) list.push(pageIndex);
      else map.set(command, [pageIndex]);
    }
    commandNameMaps.set(index, map);
  }
  return map;
}

/** Debugger commands the question writes with their "!" or "." ("!drivers", ".reload"). */
function commandNamesIn(index: LoadedIndex, text: string): Map<string, number[]> {
  const names = commandNameMap(index);
  const found = new Map<string, number[]>();
  for (const match of text.matchAll(/(?<![\w!.])([!.][A-Za-z][\w-]*)/g)) {
    const pages = names.get(match[1]!.toLowerCase());
    if (pages) found.set(match[1]!, pages);
  }
  return found;
}

/**
 * API names the question spells out. A name written in capitals only (CONTEXT, DEVICE_OBJECT
 * without underscores) must be typed in capitals: "context" in a sentence is a word.
 */
function apiNamesIn(index: LoadedIndex, text: string): Map<string, number[]> {
  const names = apiNameMap(index);
  const found = new Map<string, number[]>();
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? []) {
    const pages = names.get(word.toLowerCase());
    if (!pages) continue;
    const plainCapitals = /^[A-Z][A-Z0-9]+$/.test(word);
    if (!identifierWord.test(word) && !plainCapitals) continue;
    found.set(word, pages);
  }
  return found;
}

/** The question as searched: the text plus the abbreviations the docs use for its phrases. */
export function expandQuery(text: string): string {
  const extra = glossaryExpansions(text);
  return extra.length > 0 ? `${text} ${extra.join(' ')}` : text;
}

/**
 * Words that frame a question rather than name its subject ("what happens", "does it still",
 * "how should it behave", "is there any way"). The docs rarely use them, so their IDF is high,
 * yet a passage that happens to say "still" or "happen" answers nothing more for it; the
 * intent they express is read separately (detectIntents).
 */
const framingWords = new Set(
  tokenize(
    'happen happens happened behave behaves behaviour behavior still anymore actually really instead seem seems seemed go going keep keeps kept ' +
      'say says said wonder wondering understand explain question questions correct correctly right wrong way ways possible possibly ' +
      'somebody someone anyone anybody know thanks thank please help tried trying try ' +
      "don't doesn't didn't isn't aren't wasn't can't won't wouldn't shouldn't couldn't i'm we're it's",
  ),
);

/** An identifier right after one of these is what the question sets its subject against
 *  ("called with X, not only Y", "X instead of Y"), not what it asks about. */
const contrastMarker =
  /\b(?:not only|not just|instead of|rather than|other than|unlike|(?:port|mov|migrat|switch|chang|convert|upgrad)(?:ed|ing) from)\s+$/i;

/** Tokens of the identifiers the question names only to contrast them with its subject. */
function contrastedTokens(text: string, identifiers: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    if (!identifiers.has(match[0]) || !contrastMarker.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
    for (const token of tokenize(match[0], { identifierParts: false })) out.add(token);
  }
  // An identifier also named plainly elsewhere in the question stays a subject.
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    if (identifiers.has(match[0]) && !contrastMarker.test(text.slice(Math.max(0, match.index - 20), match.index))) {
      for (const token of tokenize(match[0], { identifierParts: false })) out.delete(token);
    }
  }
  return out;
}

function weighTokens(
  index: LoadedIndex,
  tokens: readonly string[],
  partsOnly: ReadonlySet<string>,
  contrasted: ReadonlySet<string>,
): Map<string, number> {
  const total = Math.max(1, index.meta.chunks);
  const weights = new Map<string, number>();
  for (const weight of termWeights(index, tokens)) {
    const known = weight.documentFrequency > 0;
    const common = weight.documentFrequency / total > termSignals.commonShare;
    const share = partsOnly.has(weight.token)
      ? termSignals.identifierPartShare
      : framingWords.has(weight.token)
        ? termSignals.framingShare
        : contrasted.has(weight.token)
          ? termSignals.contrastShare
          : 1;
    weights.set(
      weight.token,
      share *
        (!known
          ? termSignals.maxWeight * termSignals.unknownFactor
          : common
            ? weight.idf * termSignals.commonFactor
            : Math.min(weight.idf, termSignals.maxWeight)),
    );
  }
  return weights;
}

export function analyseQuery(index: LoadedIndex, text: string): QueryAnalysis {
  const searchText = expandQuery(text);
  const tokens = queryTokens(searchText);
  const apiNames = apiNamesIn(index, text);
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const identifiers = [...new Set(words.filter((word) => identifierWord.test(word) || apiNames.has(word)))];
  const identifierTokens = new Set(identifiers.flatMap((word) => tokenize(word, { identifierParts: false })));
  const identifierSet = new Set(identifiers);
  const withoutIdentifiers = searchText.replace(/[\p{L}\p{N}_]+/gu, (word) => (identifierSet.has(word) ? ' ' : word));
  const plainTokens = new Set(tokenize(withoutIdentifiers));
  const partsOnly = new Set(tokens.filter((token) => !plainTokens.has(token) && !identifierTokens.has(token)));
  const contrasted = contrastedTokens(text, identifierSet);
  const weights = weighTokens(index, tokens, partsOnly, contrasted);
  const subjectWord = identifiers.find((word) => !contrasted.has(tokenize(word, { identifierParts: false })[0] ?? '')) ?? identifiers[0];
  const emphasis = new Set<string>(identifierTokens);
  for (const [token, weight] of weights) if (weight >= termSignals.emphasisMin) emphasis.add(token);
  return {
    text,
    searchText,
    tokens,
    partsOnly,
    weights,
    totalWeight: [...weights.values()].reduce((sum, weight) => sum + weight, 0),
    identifiers,
    identifierTokens,
    keyEntities: new Set(identifiers.filter((word) => apiNames.has(word)).flatMap((word) => tokenize(word, { identifierParts: false }))),
    subject: subjectWord === undefined ? undefined : tokenize(subjectWord, { identifierParts: false })[0],
    contrasted,
    apiNames,
    commandNames: commandNamesIn(index, text),
    numberForms: numberFormsOf(text),
    intents: detectIntents(text),
    emphasis,
  };
}

/** Sum of the weights of the question's tokens that `text` contains, each counted once. */
export function weightCovered(text: string, weights: ReadonlyMap<string, number>): number {
  let covered = 0;
  for (const token of new Set(tokenize(text))) covered += weights.get(token) ?? 0;
  return covered;
}
