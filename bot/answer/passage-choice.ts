// Which passages of the best pages an answer quotes: every passage of their sections is
// scored on the analysed question (its words, identifiers, numbers and intent), and only
// those that answer are kept: one very good passage beats four mixed ones.
import type { Intent, QueryAnalysis } from '../../indexer/query-analysis.ts';
import { passageSignals as signal } from '../../indexer/ranking-signals.ts';
import { tokenize } from '../../indexer/tokenizer.ts';
import type { PageRecord } from '../../indexer/page-record.ts';
import { isTermLine, type Passage } from './passages.ts';
import { passagesOfSection } from './section-passages-cache.ts';
import { BoundedCache } from './bounded-cache.ts';
import { detached, textFacts, words } from './text-facts.ts';

/** One section of a candidate page, its text whole (all its chunks, in order). */
export interface CandidateSection {
  pageIndex: number;
  page: PageRecord;
  /** The page's retrieval score over the best page's (0–1]. */
  pageShare: number;
  section: string;
  anchor: string;
  text: string;
}

export interface ScoredPassage extends Passage {
  source: CandidateSection;
  score: number;
  /** Share of the question's weight the passage and its citation cover. */
  coverage: number;
  tokens: ReadonlySet<string>;
  /** The passage or its citation names one of the question's key entities (or it names none). */
  carriesIdentifier: boolean;
}

/** Section headings that hold the kind of answer each intent wants. */
const intentSections: Partial<Record<Intent, RegExp>> = {
  irql: /remarks|irql|requirements/i,
  returns: /return/i,
  behaviour: /remarks/i,
  when: /remarks/i,
  parameter: /parameters|members|values|flags|fields|settings|constants/i,
};
const parameterSection = /^(?:parameters|members|syntax)\b/i;
const namesIrql = /\birql\b|_LEVEL\b/i;
/** Words the docs use to say something is deprecated, replaced or unavailable. */
const statusSentence =
  /\b(?:obsolete|deprecated|no longer|superseded|replaced by|replaces|instead of|(?:is not|isn't|not) (?:available|supported)|use \S+(?: \S+)? instead)\b/i;

function weightOf(tokens: Iterable<string>, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const token of tokens) sum += weights.get(token) ?? 0;
  return sum;
}

const identifierShape = /[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]/;

/**
 * Whole identifiers a page is named by: its API names, the identifiers in its title, and the
 * first identifier of its one-line description (a callback page is titled by its type,
 * EVT_WDF_DEVICE_FILE_CREATE, and described by the name drivers give it, EvtDeviceFileCreate).
 */
function pageIdentifiers(page: PageRecord): Set<string> {
  const names = new Set((page.api?.names ?? []).map((name) => name.toLowerCase()));
  for (const word of page.title.match(/[\p{L}\p{N}_]+/gu) ?? []) {
    if (identifierShape.test(word)) names.add(word.toLowerCase());
  }
  // Not from a note that points to a replacement ("Obsolete. Use ExAllocatePool2 instead.").
  const describing = page.description
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !/^obsolete\b|^deprecated\b/i.test(sentence) && !statusSentence.test(sentence))
    .join(' ');
  const described = (describing.match(/[\p{L}\p{N}_]+/gu) ?? []).find((word) => identifierShape.test(word));
  if (described) names.add(described.toLowerCase());
  return names;
}

/**
 * A debugger command written as such ("!drivers") is what the question is about, unless the
 * question also names an API or a code (a bug check's, a status): then the
 * command is a comparison ("like !devstack does") or the asker's next step ("so I can !irp it").
 */
function commandIsSubject(analysis: QueryAnalysis): boolean {
  return (
    analysis.commandNames.size > 0 && analysis.keyEntities.size === 0 && !analysis.identifiers.some((word) => /^0x[0-9a-f]+$/i.test(word))
  );
}

/** How the page's own identifiers relate to the question's: its subject, another one, or neither. */
function identifierFactor(pageIndex: number, page: PageRecord, analysis: QueryAnalysis): number {
  if (commandIsSubject(analysis) && [...analysis.commandNames.values()].some((pages) => pages.includes(pageIndex))) {
    return 1 + signal.subjectPage;
  }
  if (analysis.identifierTokens.size === 0) return 1;
  const names = pageIdentifiers(page);
  if (analysis.subject && names.has(analysis.subject)) return 1 + signal.subjectPage;
  // A page named only by identifiers the question sets aside ("ported from X") is another API's too.
  const asked = [...analysis.identifierTokens].filter((token) => !analysis.contrasted.has(token));
  if (names.size > 0 && !asked.some((token) => names.has(token)) && !namedInWords(names, analysis)) return signal.otherIdentifierPage;
  return 1;
}

/**
 * The question names the page in plain words: two telling words of its identifier ("the
 * registration attributes" for NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES), not parts of
 * the question's own identifiers, which sibling APIs share.
 */
function namedInWords(names: ReadonlySet<string>, analysis: QueryAnalysis): boolean {
  const words = new Set<string>();
  for (const name of names) {
    for (const token of tokenize(name)) {
      if (names.has(token) || analysis.partsOnly.has(token) || analysis.identifierTokens.has(token)) continue;
      if ((analysis.weights.get(token) ?? 0) >= signal.telling) words.add(token);
    }
  }
  return words.size >= 2;
}

/**
 * The name an entry or a table row starts with: "FileHandle [in]: ...", "IRQL | ...", or the
 * term on a line of its own above its description ("-children", then what the option does).
 */
function entryName(passage: Passage): string | undefined {
  if (passage.shape === 'entry') return /^([^:]{1,60}):/.exec(passage.text)?.[1];
  const { text } = passage;
  if (passage.shape === 'prose') {
    const lineEnd = text.indexOf('\n');
    if (lineEnd < 0) return undefined;
    const first = text.slice(0, lineEnd);
    if (!isTermLine(first)) return undefined;
    return first.split(/:\s+/).pop();
  }
  if (passage.shape === 'table-rows') {
    const row = text.slice(text.lastIndexOf('\n') + 1);
    const cellEnd = row.indexOf(' | ');
    return cellEnd < 0 ? undefined : row.slice(0, cellEnd);
  }
  return undefined;
}

/** The tokens an entry's name is matched by: whole identifiers, and the parts of those that are not whole. */
function entryNameTokens(entry: string): EntryNameTokens {
  const name = entry.replace(/\[(?:in|out|in, out|in,out|optional)[^\]]*\]/gi, '');
  const whole = tokenize(name, { identifierParts: false }).filter((token) => !/^(?:in|out|option)$/.test(token));
  const parts = tokenize(name).filter((token) => !whole.includes(token) && !/^(?:in|out|option)$/.test(token));
  return { whole, parts };
}

interface EntryNameTokens {
  whole: readonly string[];
  parts: readonly string[];
}

/** Entry names recur with their sections across questions; their tokens are kept (names are short). */
const entryNames = new BoundedCache<string, EntryNameTokens>(20_000);

/** Whether the question spells out an entry's name, word for word. */
function asksForEntry({ whole, parts }: EntryNameTokens, analysis: QueryAnalysis): boolean {
  if (whole.length === 0) return false;
  if (whole.every((token) => analysis.weights.has(token))) return true;
  // "FileHandle" is asked about as "file handle".
  return parts.length > 0 && parts.every((token) => analysis.weights.has(token) && !analysis.partsOnly.has(token));
}

/** How a section's heading fits what the question asks, worked out once per section. */
interface HeadingFit {
  /** The section holds the kind of answer an intent wants (Return value for "what does it return"). */
  fits: boolean;
  /** ...but only for the IRQL intent, which a passage answers only by naming a level. */
  fitsOnlyForIrql: boolean;
  /** An API page's Requirements table (header, library, IRQL, versions). */
  requirements: boolean;
  /** A parameter list, for a question about behaviour rather than a parameter. */
  offIntentParameters: boolean;
}

function headingFit(heading: string, analysis: QueryAnalysis): HeadingFit {
  const fitting = [...analysis.intents].filter((intent) => intentSections[intent]?.test(heading));
  const asksBehaviour = ['behaviour', 'when', 'returns', 'irql', 'how-to'].some((intent) => analysis.intents.has(intent as Intent));
  return {
    fits: fitting.length > 0,
    fitsOnlyForIrql: fitting.length === 1 && fitting[0] === 'irql',
    requirements: /^requirements$/i.test(heading),
    offIntentParameters: asksBehaviour && !analysis.intents.has('parameter') && parameterSection.test(heading),
  };
}

const echoRun = 8;

/**
 * Spots a passage that holds a run of eight or more of the question's words, in the question's
 * order. Runs are looked for in the passage's word line (" w1 w2 … ", see TextFacts), where a
 * run of words occurs exactly when " r1 … r8 " does; and only when the line holds the run's
 * longest word, which most passages do not.
 */
class EchoCheck {
  /** " longest word " → the runs (" r1 … r8 ") it is the longest word of. */
  private readonly runsByProbe = new Map<string, string[]>();

  constructor(question: string) {
    const all = words(question);
    for (let i = 0; i + echoRun <= all.length; i += 1) {
      const run = all.slice(i, i + echoRun);
      const longest = run.reduce((best, word) => (word.length > best.length ? word : best));
      const probe = ` ${longest} `;
      const runs = this.runsByProbe.get(probe) ?? [];
      runs.push(` ${run.join(' ')} `);
      this.runsByProbe.set(probe, runs);
    }
  }

  echoes(wordLine: string): boolean {
    for (const [probe, runs] of this.runsByProbe) {
      if (wordLine.includes(probe) && runs.some((run) => wordLine.includes(run))) return true;
    }
    return false;
  }
}

/** The passage or its citation names one of the question's key entities (or it names none). */
function namesKeyEntity(analysis: QueryAnalysis, tokens: ReadonlySet<string>, context: ReadonlySet<string>): boolean {
  if (analysis.keyEntities.size === 0) return true;
  for (const token of analysis.keyEntities) if (tokens.has(token) || context.has(token)) return true;
  return false;
}

/** The passage holds a number the question asks about. A number the citation holds (a bug
 *  check's code in its title) is the page's identity, not a value asked about. */
function holdsAskedNumber(analysis: QueryAnalysis, tokens: ReadonlySet<string>, context: ReadonlySet<string>): boolean {
  for (const form of analysis.numberForms) if (!context.has(form) && tokens.has(form)) return true;
  return false;
}

function lengthFactor(length: number, shape: Passage['shape']): number {
  const min = shape === 'table-rows' ? signal.minRowChars : signal.minChars;
  if (length < min) return (length / min) ** 2;
  if (length > signal.comfortableChars) return Math.sqrt(signal.comfortableChars / length);
  return 1;
}

interface SourceFacts {
  /** Tokens of what the citation shows. */
  context: ReadonlySet<string>;
  factor: number;
  heading: HeadingFit;
}

/** Scores passages for one question; what depends only on the question or the source is worked out once. */
class PassageScorer {
  private readonly echo: EchoCheck;
  private readonly sources = new Map<CandidateSection, SourceFacts>();
  private readonly specificIntent: boolean;
  private readonly namedEntries = new Map<string, boolean>();
  /** The rows of a table come one after another with one lead: its context is made once. */
  private leadContext?: { source: CandidateSection; lead: string; context: ReadonlySet<string> };

  constructor(private readonly analysis: QueryAnalysis) {
    this.echo = new EchoCheck(analysis.text);
    this.specificIntent = analysis.intents.size > 0 && !analysis.intents.has('definition') && !analysis.intents.has('how-to');
  }

  tokens(text: string): ReadonlySet<string> {
    return textFacts(text).tokens;
  }

  /** The passage or its page names a debugger command the question asks about, as written ("!drivers"). */
  private namesCommands(passage: Passage, source: CandidateSection): boolean {
    if (!commandIsSubject(this.analysis)) return true;
    const text = passage.text.toLowerCase();
    const title = source.page.title.toLowerCase();
    return [...this.analysis.commandNames.keys()].some((name) => {
      const command = name.toLowerCase();
      return title.startsWith(command) || text.includes(command);
    });
  }

  /** What the citation shows (page title, section, API names) and the page's identifier factor. */
  private sourceFacts(source: CandidateSection): SourceFacts {
    let facts = this.sources.get(source);
    if (!facts) {
      const context = this.tokens(`${source.page.title} ${source.section} ${source.page.api?.names.join(' ') ?? ''}`);
      let factor =
        identifierFactor(source.pageIndex, source.page, this.analysis) *
        (1 - signal.pageRankWeight + signal.pageRankWeight * source.pageShare);
      if (source.section === '' && source.page.kind === 'api' && this.specificIntent) factor *= signal.apiLeadOffIntent;
      facts = { context, factor, heading: headingFit(source.section, this.analysis) };
      this.sources.set(source, facts);
    }
    return facts;
  }

  /** The source's context with the tokens of the text quoted beside the passage's own words
   *  (the lead above a row, the code below a step). */
  private contextWithLead(source: CandidateSection, sourceContext: ReadonlySet<string>, lead: string): ReadonlySet<string> {
    const last = this.leadContext;
    if (last && last.source === source && last.lead === lead) return last.context;
    const context = new Set([...sourceContext, ...this.tokens(lead)]);
    this.leadContext = { source, lead, context };
    return context;
  }

  /** An entry or row whose name the question spells out, word for word. */
  private namesEntry(passage: Passage): boolean {
    const entry = entryName(passage) ?? '';
    let named = this.namedEntries.get(entry);
    if (named === undefined) {
      let tokens = entryNames.get(entry);
      if (!tokens) {
        const own = detached(entry);
        entryNames.set(own, (tokens = entryNameTokens(own)));
      }
      named = asksForEntry(tokens, this.analysis);
      this.namedEntries.set(entry, named);
    }
    return named;
  }

  private intentFactor(heading: HeadingFit, passage: Passage): number {
    const { intents } = this.analysis;
    let factor = 1;
    // A Requirements row naming the header file does not say at what IRQL.
    if (heading.fits && (!heading.fitsOnlyForIrql || namesIrql.test(passage.text))) factor *= 1 + signal.intentSection;
    if (intents.has('how-to') && /^\d+\.\s/m.test(passage.text)) factor *= 1 + signal.intentSection / 2;
    if (intents.has('status') && statusSentence.test(passage.text)) factor *= 1 + signal.intentSection;
    // "Can I call it from my DPC?" is answered by the passage that names a level, wherever it is.
    const namedEntry = this.namesEntry(passage);
    // (A row named "IRQL" is lifted as the entry asked for instead.)
    if (intents.has('irql') && !namedEntry && namesIrql.test(passage.text)) factor *= 1 + signal.intentSection;
    if (namedEntry) factor *= 1 + signal.namedEntry;
    else if (heading.offIntentParameters) factor *= signal.offIntentParameters;
    else if (heading.requirements) factor *= signal.unaskedRequirement;
    return factor;
  }

  score(passage: Passage, source: CandidateSection): ScoredPassage {
    const { analysis } = this;
    const facts = textFacts(passage.text);
    const { lead, code } = passage;
    const tokens = lead ? facts.tokensAfter(lead.length) : code ? this.tokens(passage.text.slice(0, -code.length)) : facts.tokens;
    const { context: sourceContext, factor, heading } = this.sourceFacts(source);
    const beside = lead ?? code;
    const context = beside ? this.contextWithLead(source, sourceContext, beside) : sourceContext;
    const inText = weightOf(tokens, analysis.weights);
    let contextOnly = 0;
    for (const token of context) if (!tokens.has(token)) contextOnly += analysis.weights.get(token) ?? 0;
    const coverage = analysis.totalWeight > 0 ? (inText + signal.contextShare * contextOnly) / analysis.totalWeight : 0;
    const carriesIdentifier = namesKeyEntity(analysis, tokens, context) && this.namesCommands(passage, source);
    let score = coverage * factor;
    // A row holds a value in its own cells, not in the header's "Parameter 3".
    const valueTokens = passage.row === undefined ? tokens : this.tokens(passage.row);
    if (holdsAskedNumber(analysis, valueTokens, context)) score *= 1 + signal.numberMatch;
    score *= this.intentFactor(heading, passage);
    score *= lengthFactor(passage.text.length, passage.shape);
    if (passage.linkRun) score *= signal.linkRun;
    score *= signal.elision ** Math.min(3, facts.elisions);
    if (passage.dangling) score *= signal.danglingLead;
    const { subject, meta } = facts.subjectAndMeta;
    if (subject === 0) score *= signal.metaOnly;
    else if (meta > 0 && subject < signal.minSubjectChars) score *= signal.mostlyMeta;
    if (this.echo.echoes(facts.wordLine)) score *= signal.echoesQuestion;
    // Built field by field, not spread: passages come in several shapes (with a row, a lead,
    // flags), and one object layout keeps this hot path fast.
    const { text, shape, block, dangling, linkRun, row } = passage;
    return { text, shape, block, dangling, linkRun, row, lead, code, source, score, coverage, tokens, carriesIdentifier };
  }
}

/** Runs of three words: two passages sharing most of them say the same thing. */
function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i += 1) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  if (words.length < 3) out.add(words.join(' '));
  return out;
}

/** Share of the smaller passage's word runs that the other one has too. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const run of small) if (large.has(run)) shared += 1;
  return shared / small.size;
}

function sameBlock(a: ScoredPassage, b: ScoredPassage): boolean {
  return a.source === b.source && a.block === b.block;
}

/** Scores every passage of the candidate sections, best first. */
export function rankPassages(sections: readonly CandidateSection[], analysis: QueryAnalysis): ScoredPassage[] {
  const scorer = new PassageScorer(analysis);
  // For cutting lists and tables down: the item holding a number asked about is kept first.
  const scoreText = (text: string) => {
    const tokens = scorer.tokens(text);
    let holdsNumber = false;
    for (const form of analysis.numberForms) if (tokens.has(form)) holdsNumber = true;
    return weightOf(tokens, analysis.weights) + (holdsNumber ? analysis.totalWeight : 0);
  };
  const scored: ScoredPassage[] = [];
  for (const source of sections) {
    for (const passage of passagesOfSection(source.text, scoreText)) scored.push(scorer.score(passage, source));
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * The passages to quote: the best one, then others that score close to it, carry the
 * question's identifier, say something new and fit the quote budget.
 */
export function choosePassages(ranked: readonly ScoredPassage[], analysis: QueryAnalysis): ScoredPassage[] {
  const usable = ranked.filter((passage) => passage.carriesIdentifier);
  const pool = usable.length > 0 ? usable : ranked;
  const best = pool[0];
  if (!best) return [];
  const quote = new Quote(best, analysis);
  // The few places left go first to the other rows of the best passage's table that hold a
  // value asked about ("Arg1 is 0 in one dump and 1 in another"), then to passages covering
  // clearly more of the question than the best.
  const askedRow = (passage: ScoredPassage) => quote.isAskedRowOfBest(passage);
  // Only such rows, and passages within the lowest share of the best score, can be quoted.
  const further = pool.slice(1).filter((passage) => passage.score >= signal.furtherShareNew * best.score || askedRow(passage));
  const wider = (passage: ScoredPassage) => passage.coverage >= best.coverage + signal.widerCoverage;
  const ordered = [
    ...further.filter(askedRow),
    ...further.filter((passage) => !askedRow(passage) && wider(passage)),
    ...further.filter((passage) => !askedRow(passage) && !wider(passage)),
  ];
  for (const passage of ordered) {
    if (quote.chosen.length >= signal.maxPassages) break;
    // Such a row joins the quoted table, however it scores.
    if (askedRow(passage) && quote.joinRow(passage)) continue;
    if (!quote.hasPlaceFor(passage) || !quote.closeEnough(passage)) continue;
    if (quote.joinRow(passage) || quote.joinRun(passage)) continue;
    quote.add(passage);
  }
  return quote.chosen;
}

/** The passages chosen so far for one answer, and what they say together. */
class Quote {
  readonly chosen: ScoredPassage[];
  private readonly said: Set<string>;
  private used: number;
  private widestCoverage: number;
  /** Which kinds of answer the question wants (what it returns, at what IRQL) are quoted yet. */
  private readonly served: Set<Intent>;
  private readonly runs = new Map<ScoredPassage, Set<string>>();

  constructor(
    private readonly best: ScoredPassage,
    private readonly analysis: QueryAnalysis,
  ) {
    this.chosen = [{ ...best }];
    this.said = new Set(best.tokens);
    this.used = best.text.length;
    this.widestCoverage = best.coverage;
    this.served = new Set(intentsAnswered(best, analysis));
  }

  /** Passages of one section are quoted as one excerpt: the limit counts sections, and a
   *  second one on passages keeps a section from becoming a collage of its lines. */
  hasPlaceFor(passage: ScoredPassage): boolean {
    const ofSection = this.chosen.filter((other) => other.source === passage.source).length;
    if (ofSection >= signal.maxPassagesPerSection) return false;
    return ofSection > 0 || new Set(this.chosen.map((other) => other.source)).size < signal.maxExcerpts;
  }

  /** The passage scores close enough to the best one, or less close when it says more of what was asked. */
  closeEnough(passage: ScoredPassage): boolean {
    if (passage.score < signal.furtherShareNew * this.best.score) return false;
    // What the passage adds to what is already quoted: a question of two parts wants both.
    // One that covers clearly more of the question than any quoted yet says more of what was
    // asked, though ranked lower (its section fits the question's kind less, say); so does
    // one from the section another part of the question wants (Return value after Remarks).
    const answersNewPart = intentsAnswered(passage, this.analysis).some((intent) => !this.served.has(intent));
    const saysMore =
      this.novelty(passage) >= signal.newPartNovelty || passage.coverage >= this.widestCoverage + signal.widerCoverage || answersNewPart;
    return passage.score >= (saysMore ? signal.furtherShareNew : signal.furtherShare) * this.best.score;
  }

  /** The passage is a row of the best passage's table, holding a number the question gives as a value. */
  isAskedRowOfBest(passage: ScoredPassage): boolean {
    if (passage.row === undefined || this.best.shape !== 'table-rows' || !sameBlock(passage, this.best)) return false;
    const cells = textFacts(passage.row).tokens;
    for (const form of this.analysis.numberForms) if (cells.has(form)) return true;
    return false;
  }

  /** Another row of a table already quoted joins it, under the one header (or is dropped). */
  joinRow(passage: ScoredPassage): boolean {
    const row = passage.row;
    if (row === undefined) return false;
    const table = this.chosen.find((other) => other.shape === 'table-rows' && sameBlock(other, passage));
    if (!table) return false;
    if (!table.text.split('\n').includes(row) && this.used + row.length <= signal.quoteBudget) {
      table.text += `\n${row}`;
      this.used += row.length + 1;
    }
    return true;
  }

  /** A window overlapping one already quoted: the run is quoted once, longer when the
   *  window adds something asked (or the window is dropped). */
  joinRun(passage: ScoredPassage): boolean {
    const joined = joinOverlappingRun(this.chosen, passage);
    if (!joined) return false;
    const extra = joined.text.length - joined.chosen.text.length;
    if (this.novelty(passage) > 0 && joined.text.length <= signal.maxJoinedChars && this.used + extra <= signal.quoteBudget) {
      joined.chosen.text = joined.text;
      for (const token of passage.tokens) this.said.add(token);
      this.used += extra;
      this.runs.delete(joined.chosen);
    }
    return true;
  }

  /** Quotes the passage if it fits the budget and says something not quoted yet. */
  add(passage: ScoredPassage): void {
    if (this.used + passage.text.length > signal.quoteBudget) return;
    const duplicate = this.chosen.some(
      (other) => sameBlock(other, passage) || overlap(this.runsOf(other), this.runsOf(passage)) >= signal.duplicateOverlap,
    );
    if (duplicate) return;
    this.chosen.push({ ...passage });
    this.widestCoverage = Math.max(this.widestCoverage, passage.coverage);
    for (const intent of intentsAnswered(passage, this.analysis)) this.served.add(intent);
    for (const token of passage.tokens) this.said.add(token);
    this.used += passage.text.length;
  }

  private novelty(passage: ScoredPassage): number {
    return newWeightShare(passage.tokens, this.said, this.analysis.weights);
  }

  private runsOf(passage: ScoredPassage): Set<string> {
    let found = this.runs.get(passage);
    if (!found) this.runs.set(passage, (found = shingles(passage.text)));
    return found;
  }
}

/** The kinds of answer the question wants that a passage's section holds (an IRQL only when it names a level). */
function intentsAnswered(passage: ScoredPassage, analysis: QueryAnalysis): Intent[] {
  return [...analysis.intents].filter(
    (intent) => intentSections[intent]?.test(passage.source.section) && (intent !== 'irql' || namesIrql.test(passage.text)),
  );
}

/**
 * Two windows of one run of paragraphs that overlap (the second starts inside the first, or
 * the other way round): the chosen one and the text of the run they cover together.
 */
function joinOverlappingRun(chosen: readonly ScoredPassage[], passage: ScoredPassage): { chosen: ScoredPassage; text: string } | undefined {
  if (passage.shape !== 'prose') return undefined;
  const lines = passage.text.split('\n');
  for (const other of chosen) {
    if (other.shape !== 'prose' || other.source !== passage.source) continue;
    const otherLines = other.text.split('\n');
    const union = unionOfRuns(otherLines, lines) ?? unionOfRuns(lines, otherLines);
    if (union) return { chosen: other, text: union.join('\n') };
  }
  return undefined;
}

/** `first` then the lines of `second` after where it overlaps the end of `first`. */
function unionOfRuns(first: readonly string[], second: readonly string[]): string[] | undefined {
  const start = first.indexOf(second[0]!);
  if (start < 0) return undefined;
  const overlapping = first.slice(start);
  if (overlapping.some((line, i) => second[i] !== line && i < second.length)) return undefined;
  return [...first, ...second.slice(overlapping.length)];
}

/** Share of a passage's question weight in words not quoted yet. */
function newWeightShare(tokens: ReadonlySet<string>, said: ReadonlySet<string>, weights: ReadonlyMap<string, number>): number {
  let total = 0;
  let unsaid = 0;
  for (const token of tokens) {
    const weight = weights.get(token) ?? 0;
    total += weight;
    if (!said.has(token)) unsaid += weight;
  }
  return total > 0 ? unsaid / total : 0;
}
