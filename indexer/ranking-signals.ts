// Every query-time ranking signal in one place: what finds pages (indexer/search.ts), what
// weighs a question's words (indexer/query-analysis.ts) and what picks the passages an answer
// quotes (bot/answer/passage-choice.ts). Each signal is named, with why it exists. None of
// them names a page, a question or an API: they are about the shape of docs and questions.
// The BM25F field weights are the index's own configuration (schema.ts, chunkIndexConfig):
// they are stored with the index, so changing them means a rebuild, which these never do.

/** Page ranking: BM25F chunk scores grouped by page, then these lifts. */
export const pageSignals = {
  /** A page's further matching sections add a little: a page about the topic beats a passing mention. */
  secondChunkShare: 0.15,
  /** A page whose API name the question spells out exactly is what the user asked for. */
  exactApiName: 1.6,
  /** A debugger command written with its "!" or "." ("!drivers") names its page, even when the
   *  command is a plain word: that page scores at least this share of the best other page (it
   *  joins the best pages; a page that covers the rest of the question may still lead). */
  namedCommand: 0.9,
  /** A question that names no identifier asks about a concept: articles explain, while
   *  reference pages of look-alike functions only share its words. */
  conceptPrior: 0.2,
  /** Largest lift a page gets when the question contains its whole title (IDF-weighted share, squared). */
  titleCoverage: 0.3,
  /** Chunks fetched from Orama before grouping: enough to fill pages past the first few. */
  chunkPool: 400,
} as const;

/** Question words: how much each one says (capped IDF). */
export const termSignals = {
  /** IDF above this adds nothing more: one rare word ("keep", a typo) must not outweigh the rest. */
  maxWeight: 3.5,
  /** Words in more than this share of chunks (driver, Windows, device) say little on their own... */
  commonShare: 0.08,
  /** ...so they count this share of their IDF. */
  commonFactor: 0.2,
  /** A word the docs never use: a question that hinges on it is not about these docs. */
  unknownFactor: 1.25,
  /** A token that comes only from splitting an identifier (the "evt" of EvtDeviceFileCreate)
   *  counts this share: the whole identifier is the signal, and its parts are what sibling
   *  APIs share with it. */
  identifierPartShare: 0.3,
  /** A word that frames the question ("happen", "still", "behave") counts this share. */
  framingShare: 0.2,
  /** An identifier named only to contrast it with the subject ("X, not only Y", "X instead
   *  of Y") counts this share: passages about Y alone answer a question not asked. */
  contrastShare: 0.4,
  /** Weight at or above which a word is distinctive enough to emphasise in an excerpt. */
  emphasisMin: 2.2,
} as const;

/** Passage choice: which passages of the best pages an answer quotes. */
export const passageSignals = {
  /** Pages whose passages are considered: the top results within this share of the best score. */
  candidatePageShare: 0.3,
  /** At most this many pages are read for passages. */
  candidatePages: 4,
  /** How much a passage's page rank counts: score × (1 - rankWeight + rankWeight × pageShare). */
  pageRankWeight: 0.6,
  /** Words found only in the page title or section heading count this share: the citation
   *  shows them, but the passage itself does not say them. */
  contextShare: 0.35,
  /** The question names a number (a bug-check parameter, a status code) and the passage holds
   *  it, in hex or decimal: that row or item is what was asked. */
  numberMatch: 1.2,
  /** The section fits what the question asks (Return value for "what does it return"). */
  intentSection: 0.6,
  /** Parameter lists answer "what happens / may I / when / how do I" questions poorly. */
  offIntentParameters: 0.6,
  /** A Requirements row the question does not name (the header file, the library, for an
   *  IRQL question): the facts card shows these already, and they answer nothing else. */
  unaskedRequirement: 0.3,
  /** The page documents a different identifier than the one the question names (a sibling API). */
  otherIdentifierPage: 0.45,
  /** ...unless the question names the page in two words of at least this weight ("registration
   *  attributes" for NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES). */
  telling: 1.5,
  /** The page's title names the question's first identifier: the subject of the question. */
  subjectPage: 0.5,
  /** A parameter or member entry, or a table row, whose name the question spells out: that
   *  entry or row was asked about ("IRQL | PASSIVE_LEVEL" for an IRQL question). */
  namedEntry: 0.8,
  /** An API page's one-line description answers "what is it", not what was asked. */
  apiLeadOffIntent: 0.6,
  /** Passages shorter than this are fragments: a lone cell, a heading-like line. */
  minChars: 70,
  /** A table row with its header reads well when shorter: "IRQL | PASSIVE_LEVEL". */
  minRowChars: 12,
  /** Passages longer than this cost a little per extra character. */
  comfortableChars: 520,
  /** A run of short lines without sentences (link titles, a table of contents). */
  linkRun: 0.3,
  /** The passage repeats eight or more words of the question in a row: a link title or heading
   *  that echoes it, or the sentence the asker already quoted, not the answer. */
  echoesQuestion: 0.45,
  /** A passage made only of sentences about the page rather than the subject ("For more
   *  information, see X", "This article describes ...", "This article is for programmers")
   *  keeps this share of its score. */
  metaOnly: 0.25,
  /** Each place a cut passage leaves text out makes it read less like the docs' own
   *  paragraph (up to three count): a collage of the question's words is not an answer. */
  elision: 0.9,
  /** ...and one that says less than this much on its own besides such sentences (a one-line
   *  lead, then "For more information, see X")... */
  minSubjectChars: 120,
  /** ...keeps this share. */
  mostlyMeta: 0.6,
  /** A lead that ends on ":" with nothing after it promises what it does not quote. */
  danglingLead: 0.15,
  /** Further excerpts must score at least this share of the best one... */
  furtherShare: 0.7,
  /** ...or this share when most of their question words are not quoted yet (the other part
   *  of a two-part question). */
  furtherShareNew: 0.45,
  /** ...or when they cover at least this much more of the question's weight than any passage quoted yet. */
  widerCoverage: 0.1,
  /** Share of its question weight a further excerpt must add in words not quoted yet. */
  newPartNovelty: 0.5,
  /** Two overlapping windows of one run of paragraphs are quoted as one when together they
   *  are at most this long. */
  maxJoinedChars: 700,
  /** At most this many excerpts (cited sections) in one answer... */
  maxExcerpts: 3,
  /** ...and this many passages in all, at most this many of one section. */
  maxPassages: 4,
  maxPassagesPerSection: 2,
  /** Characters of quoted text the first message aims for (More sources shows the rest). */
  quoteBudget: 1200,
  /** Two passages sharing this share of their three-word runs say the same thing (header copies, A/W). */
  duplicateOverlap: 0.5,
  /** Below this share of the question's weight covered by the best page, there is no answer
   *  (unless a candidate's title or heading names an identifier of the question)... */
  minCoverage: 0.4,
  /** ...and below this one the answer says its passages may not answer exactly. Questions
   *  the docs do not answer and questions they do overlap between the two (their pages share
   *  the topic, not the fact): quoting the nearest passages with that warning serves the
   *  second kind without pretending for the first. */
  sureCoverage: 0.5,
} as const;
