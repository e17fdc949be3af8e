// A section's text as the blocks the parser wrote (paragraphs, lists, tables, code), and the
// passages an answer may quote from them. A passage keeps its structure: a sentence that
// introduces a list or a table comes with it, a table row comes with the table's header,
// and a long list or table is cut down to the items that matter, marked with "…".

type BlockKind = 'paragraph' | 'list' | 'table' | 'code';

export interface Block {
  kind: BlockKind;
  /** Lines of the block; for lists, one entry per item (continuation lines joined). */
  lines: string[];
}

type PassageShape = 'prose' | 'introduced' | 'list' | 'table-rows' | 'entry';

export interface Passage {
  /** The quotable text; lines separated by "\n". */
  text: string;
  shape: PassageShape;
  /** Index of the block the passage starts in (passages of one block overlap). */
  block: number;
  /** Ends on ":" or "the following" without what it introduces. */
  dangling: boolean;
  /** A list of short lines without sentences: link titles, a table of contents. */
  linkRun: boolean;
  /** For one table row quoted under its header: that row. */
  row?: string;
  /** The sentence introducing the table, quoted above a row to say what the rows are; it is
   *  read like a heading, not as the row's own words. */
  lead?: string;
  /** The short code block quoted below the sentence announcing it (the passage's last lines):
   *  a command or syntax line shows what the prose says, and is read like a heading, not as
   *  the passage's own words (a question that pastes a command would find every example of it). */
  code?: string;
}

/** Rates a piece of text for the question (higher is better); used to cut lists and tables. */
export type TextScore = (text: string) => number;

const listItem = /^(?:[-*]|\d+\.)\s/;
const tableRow = / \| /;
const fence = /^\s*(`{3,}|~{3,})/;
const labelledFence = /^([^`~]{1,80}:)\s*((?:`{3,}|~{3,})\S*)\s*$/;
/** Prose that announces what follows: "...:", "...as follows.", "...the following." (but not
 *  "see the following Example section.", which points elsewhere). */
const introduces = /(?::|\b(?:the following|as follows)\s*[.:]?)\s*$/i;
/** A short paragraph that names the table or list after it ("The following table describes ..."). */
const announcesStructure = /\bthe following (?:table|list)\b/i;
const sentenceSplit = /(?<=[.!?])\s+(?=[A-Z0-9"'(\[<*_`])/;
/** Where a list written inside a table cell or a line goes on to its next item ("... path. - When ..."). */
const inlineItem = /\s+(?=- \S)/;

/** Longest passage quoted whole; longer blocks are cut into windows or trimmed. */
const maxPassageChars = 640;
const maxWindowChars = 480;
const maxWindowSentences = 3;

function lineKind(line: string): BlockKind {
  const trimmed = line.trim();
  if (listItem.test(trimmed)) return 'list';
  if (tableRow.test(trimmed)) return 'table';
  return 'paragraph';
}

/** A short line without a sentence in it: an option or term above its description, a heading. */
export function isTermLine(line: string): boolean {
  return line.length <= 60 && !/[.!?;,:]$/.test(line.trim());
}

/** Splits section text (as the parser wrote it) into blocks. */
export function sectionBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let current: Block | undefined;
  const close = () => {
    if (current && current.lines.length > 0) blocks.push(current);
    current = undefined;
  };
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!;
    // A subheading above a code block comes inlined as its label ("Example: ```cpp").
    const labelled = labelledFence.exec(line);
    if (labelled) {
      close();
      blocks.push({ kind: 'paragraph', lines: [labelled[1]!.trim()] });
      line = labelled[2]!;
    }
    const opened = fence.exec(line);
    if (opened) {
      close();
      const code = [line];
      const marker = opened[1]!;
      for (i += 1; i < lines.length; i += 1) {
        code.push(lines[i]!);
        if (lines[i]!.trim().startsWith(marker)) break;
      }
      blocks.push({ kind: 'code', lines: [code.join('\n')] });
      continue;
    }
    if (line.trim() === '') {
      close();
      continue;
    }
    // List continuation lines are indented under their item.
    if (current?.kind === 'list' && /^\s+\S/.test(line) && !listItem.test(line.trim())) {
      current.lines[current.lines.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const kind = lineKind(line);
    if (!current || current.kind !== kind) {
      close();
      current = { kind, lines: [] };
    }
    if (kind === 'paragraph' && current.lines.length > 0) current.lines[current.lines.length - 1] += ` ${line.trim()}`;
    // A list item keeps its indentation: a nested item belongs to the one above it.
    else current.lines.push(kind === 'list' ? line.trimEnd() : line.trim());
  }
  close();
  return mergeSplitTables(blocks);
}

function columns(row: string): number {
  return row.split(' | ').length;
}

/**
 * A table the chunker cut in two, or whose cell held a second paragraph, reads as two
 * tables with a stray line between them: join rows with the same number of columns.
 * Items of a loose list come as blocks of their own: join them too.
 */
function mergeSplitTables(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged[merged.length - 1];
    const beforePrevious = merged[merged.length - 2];
    if (block.kind === 'table' && previous?.kind === 'table' && columns(previous.lines[0]!) === columns(block.lines[0]!)) {
      previous.lines.push(...block.lines);
      continue;
    }
    // A loose list (blank lines between its items) is still one list.
    if (block.kind === 'list' && previous?.kind === 'list') {
      previous.lines.push(...block.lines);
      continue;
    }
    // A short paragraph between two parts of a table belongs to the row above it.
    if (
      block.kind === 'table' &&
      previous?.kind === 'paragraph' &&
      previous.lines.join(' ').length < 160 &&
      beforePrevious?.kind === 'table' &&
      columns(beforePrevious.lines[0]!) === columns(block.lines[0]!)
    ) {
      merged.pop();
      beforePrevious.lines[beforePrevious.lines.length - 1] += ` ${previous.lines.join(' ')}`;
      beforePrevious.lines.push(...block.lines);
      continue;
    }
    merged.push(block);
  }
  return merged;
}

/** A first row of short labels without sentences is the table's header. */
export function hasHeader(rows: readonly string[]): boolean {
  const cells = rows[0]?.split(' | ') ?? [];
  return rows.length > 1 && cells.every((cell) => cell.length <= 80 && !/[.!?]\s*$/.test(cell.trim()));
}

/**
 * Sentences about the page rather than the subject: pointers elsewhere ("For more
 * information, see ..."), what the article covers or whom it is for.
 */
const metaSentence =
  /^(?:(?:note|important):\s*)?(?:for (?:more )?(?:information|details|info|an? (?:example|overview|list|description))\b|see\b|to learn more\b|refer to\b|more information\b|this (?:article|topic|section|page|guide|document)\b|in this (?:article|topic|section)\b|if you're a customer\b)/i;

/** Every sentence of the text is about the page rather than the subject. */
export function isMetaOnly(text: string): boolean {
  return sentences(text.replace(/\n/g, ' ')).every((sentence) => metaSentence.test(sentence));
}

/** Characters of the text in sentences about the subject and in sentences about the page. */
export function subjectAndMetaChars(text: string): { subject: number; meta: number } {
  const out = { subject: 0, meta: 0 };
  for (const sentence of sentences(text.replace(/\n/g, ' '))) {
    if (metaSentence.test(sentence)) out.meta += sentence.length;
    else out.subject += sentence.length;
  }
  return out;
}

function sentences(paragraph: string): string[] {
  return paragraph
    .split(sentenceSplit)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Short lines with no sentence in them: link titles, names in a table of contents. */
function isLinkRun(lines: readonly string[]): boolean {
  if (lines.length < 3) return false;
  const bare = lines.map((line) => line.trim().replace(listItem, '').trim());
  const short = bare.filter((line) => line.length < 70 && !/[.;:]\s*$/.test(line) && !/[.;]\s/.test(line));
  return short.length / bare.length >= 0.8;
}

/** Short paragraphs in a run that are mostly page titles ("See also" links that lost their
 *  list markers): two title lines and one sentence make one too. A "Name: value" line is an
 *  entry, not a title. */
function isTitleRun(lines: readonly string[]): boolean {
  if (lines.length < 3) return false;
  const titles = lines.filter((line) => line.length < 70 && !/[.;:]\s*$/.test(line) && !/[.;:]\s/.test(line));
  return titles.length / lines.length >= 0.6;
}

/** A table headed "Topic | Description" (or Article, Title, Page, Section): its rows are the
 *  titles of other pages with what they cover, a table of contents rather than an answer. */
function isNavigationTable(block: Block): boolean {
  if (block.kind !== 'table' || !hasHeader(block.lines)) return false;
  const first = block.lines[0]!.split(' | ')[0]!.trim();
  return /^(?:topics?|titles?|articles?|pages?|sections?)$/i.test(first);
}

/**
 * The items of a list or the rows of a table that fit `budget` characters: the best-scoring
 * ones first, shown in their order, with "…" where items were left out. A table keeps its
 * header row.
 */
export function trimItems(items: readonly string[], budget: number, score: TextScore, keepFirst: number): string[] {
  const total = items.reduce((sum, item) => sum + item.length + 1, 0);
  if (total <= budget) return [...items];
  // One item longer than the whole budget is shortened rather than dropped.
  const fitted = items.map((item) => (item.length > budget * 0.8 ? focus(item, Math.floor(budget * 0.8), score) : item));
  // A nested item is read under its parent: it shares the parent's relevance, the parent
  // shares its best child's, and a kept child brings its parent along.
  const parents = parentIndexes(fitted);
  const own = fitted.map((item, index) => (index < keepFirst ? Number.POSITIVE_INFINITY : score(item)));
  const relevance = own.map((value, index) => {
    const parent = parents[index];
    return parent === undefined ? value : value + own[parent]! / 2;
  });
  parents.forEach((parent, child) => {
    if (parent !== undefined) relevance[parent] = Math.max(relevance[parent]!, own[child]!);
  });
  const order = relevance.map((value, index) => ({ index, value })).sort((a, b) => b.value - a.value || a.index - b.index);
  const kept = new Set<number>();
  let used = 0;
  const keep = (index: number): boolean => {
    if (kept.has(index)) return true;
    const length = fitted[index]!.length + 1;
    if (used + length > budget && kept.size > keepFirst) return false;
    if (used + length > budget * 1.15) return false;
    kept.add(index);
    used += length;
    return true;
  };
  for (const { index } of order) {
    const parent = parents[index];
    if (parent !== undefined && !keep(parent)) continue;
    keep(index);
  }
  // A shortened item that was kept gets back the room the items left out did not use.
  const keptInOrder = [...kept].sort((a, b) => a - b);
  let room = budget - used - (fitted.length - kept.size) * 2;
  for (const index of keptInOrder) {
    const shortened = fitted[index]!;
    if (room <= 0 || items[index]!.length === shortened.length) continue;
    const longer = focus(items[index]!, shortened.length + room, score);
    room -= longer.length - shortened.length;
    fitted[index] = longer;
  }
  const out: string[] = [];
  let skipped = false;
  fitted.forEach((item, index) => {
    if (kept.has(index)) {
      if (skipped) out.push('…');
      out.push(item);
      skipped = false;
    } else skipped = true;
  });
  if (skipped) out.push('…');
  return out;
}

/** The items right below a list item that are indented under it (its children and theirs). */
function nestedItems(items: readonly string[], index: number): string[] {
  const depth = (item: string) => item.length - item.trimStart().length;
  const own = depth(items[index]!);
  const nested: string[] = [];
  for (let below = index + 1; below < items.length && depth(items[below]!) > own; below += 1) nested.push(items[below]!);
  return nested;
}

/** For each list item, the nearest item above it that is less indented (its parent). */
function parentIndexes(items: readonly string[]): Array<number | undefined> {
  const depth = items.map((item) => item.length - item.trimStart().length);
  return items.map((_, index) => {
    for (let above = index - 1; above >= 0; above -= 1) if (depth[above]! < depth[index]!) return above;
    return undefined;
  });
}

function structureLines(block: Block, budget: number, score: TextScore): string[] {
  // A table's header row is kept: every quoted row needs it to be read.
  return trimItems(block.lines, budget, score, block.kind === 'table' && hasHeader(block.lines) ? 1 : 0);
}

/**
 * Cuts a long item or row to about `limit` characters: its first sentence (which says what
 * the item is about), then its sentences that score best for the question, in their order,
 * with "…" where sentences were left out. The answer to a question is often the fourth
 * sentence of a long item, not the second.
 */
function focus(text: string, limit: number, score: TextScore): string {
  if (text.length <= limit) return text;
  const parts = sentences(text).flatMap((sentence) => sentence.split(inlineItem));
  if (parts.length < 3) return shorten(text, limit);
  const first = shorten(parts[0]!, limit);
  const kept = new Set<number>([0]);
  let used = first.length;
  const values = parts.map((part) => score(part));
  // A part that announces inline items ("... for any of the following operations:") matters
  // as much as its best item: the items are not read without it.
  parts.forEach((part, index) => {
    if (!part.trimEnd().endsWith(':')) return;
    for (let item = index + 1; item < parts.length && parts[item]!.startsWith('- '); item += 1)
      values[index] = Math.max(values[index]!, values[item]!);
  });
  const order = values
    .map((value, index) => ({ index, value }))
    .slice(1)
    .sort((a, b) => b.value - a.value || a.index - b.index);
  for (const { index, value } of order) {
    if (value <= 0) break;
    const length = parts[index]!.length + 3;
    if (used + length > limit) continue;
    kept.add(index);
    used += length;
  }
  let out = '';
  let skipped = false;
  parts.forEach((part, index) => {
    if (!kept.has(index)) {
      skipped = true;
      return;
    }
    out += index === 0 ? first : `${skipped ? ' …' : ''} ${part}`;
    skipped = false;
  });
  return skipped ? `${out} …` : out;
}

/** Cuts text to about `limit` characters at a sentence end, else at a word, marked with "…". */
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const window = text.slice(0, limit);
  const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('; '));
  const cut = sentenceEnd > limit * 0.5 ? sentenceEnd + 1 : window.lastIndexOf(' ') > limit * 0.5 ? window.lastIndexOf(' ') : limit;
  return `${text.slice(0, cut).trim()} …`;
}

/** Windows of up to three sentences of a long paragraph. */
function windows(paragraph: string): string[] {
  const parts = sentences(paragraph);
  const out: string[] = [];
  for (let start = 0; start < parts.length; start += 1) {
    let text = '';
    for (let end = start; end < Math.min(parts.length, start + maxWindowSentences); end += 1) {
      const next = text ? `${text} ${parts[end]}` : parts[end]!;
      if (text && next.length > maxWindowChars) break;
      text = next;
      out.push(text);
    }
  }
  return out;
}

const maxLeadInChars = 400;
/** A code block this short (a syntax line, a command) is quoted with the sentence announcing it. */
const maxQuotedCodeChars = 240;
const maxQuotedCodeLines = 4;

/**
 * The lines of a short code block without its fences, or undefined when the block is long
 * (a whole sample is read on the page, not in a chat quote).
 */
function shortCode(block: Block | undefined): string[] | undefined {
  if (block?.kind !== 'code') return undefined;
  const lines = block.lines.join('\n').split('\n');
  const body = lines
    .filter((line) => !fence.test(line))
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (body.length === 0 || body.length > maxQuotedCodeLines || body.join('\n').length > maxQuotedCodeChars) return undefined;
  return body;
}
/** The paragraph right above a table comes with a single quoted row when it is this short. */
const maxRowLeadInChars = 200;

/** The last sentences of a paragraph that introduces what follows, up to about 400 characters. */
function leadIn(paragraph: string): string {
  if (paragraph.length <= maxLeadInChars) return paragraph;
  const parts = sentences(paragraph);
  let lead = parts.pop() ?? paragraph;
  for (let before = parts.pop(); before && before.length + lead.length < maxLeadInChars; before = parts.pop()) lead = `${before} ${lead}`;
  return lead;
}

type AddPassage = (text: string, shape: PassageShape, block: number, extra?: Partial<Passage>) => void;

/** A paragraph this short right above a list says what the list is ("A VMiniport has three
 *  stages of initialization."), whether or not it ends on ":"... */
const maxListLeadChars = 200;
/** ...when it names a count or a kind of items. */
const countsItems =
  /\b(?:following|below|two|three|four|five|six|seven|eight|several|multiple|steps?|ways?|stages?|phases?|types?|kinds?|categories|conditions|requirements|options|includes?)\b/i;
/** A note or a pointer elsewhere is not what a list below it is about. */
const asideStart = /^(?:note|important|caution|warning|tip)\b/i;

/** The short paragraph of block `b`, right above a list, announces the list. */
function announcesList(blocks: readonly Block[], b: number, paragraph: string): boolean {
  if (paragraph.length > maxListLeadChars || !countsItems.test(paragraph)) return false;
  if (asideStart.test(paragraph) || isMetaOnly(paragraph)) return false;
  // Right after a list (or a code block, which lists hold too), a short paragraph is more
  // likely the second paragraph of an item.
  const previous = blocks[b - 1]?.kind;
  return previous !== 'list' && previous !== 'code';
}

/** The paragraph of block `b` introduces what follows it. */
function leadsOn(blocks: readonly Block[], b: number): boolean {
  const block = blocks[b];
  if (block?.kind !== 'paragraph') return false;
  const paragraph = block.lines.join(' ');
  if (introduces.test(paragraph)) return true;
  const next = blocks[b + 1];
  if (next?.kind === 'list' && announcesList(blocks, b, paragraph)) return true;
  return (next?.kind === 'table' || next?.kind === 'list') && paragraph.length <= maxLeadInChars && announcesStructure.test(paragraph);
}

/**
 * Short paragraphs in a row (a Remarks section of one-line notes) quoted together: each
 * alone may answer only half of a question.
 */
function addParagraphRuns(blocks: readonly Block[], add: AddPassage): void {
  for (let b = 0; b < blocks.length; b += 1) {
    let text = '';
    for (let end = b; end < Math.min(blocks.length, b + maxWindowSentences); end += 1) {
      const block = blocks[end]!;
      const paragraph = block.lines.join(' ');
      if (block.kind !== 'paragraph' || leadsOn(blocks, end) || paragraph.length > maxWindowChars || isMetaOnly(paragraph)) break;
      const next = text ? `${text}\n${paragraph}` : paragraph;
      if (next.length > maxWindowChars) break;
      text = next;
      // A term or heading on a line of its own belongs to the text after it, not before.
      if (end > b && !isTermLine(paragraph)) add(text, 'prose', b, { linkRun: isTitleRun(text.split('\n')) });
    }
  }
}

function addParagraph(blocks: readonly Block[], b: number, add: AddPassage, score: TextScore): void {
  const paragraph = blocks[b]!.lines.join(' ');
  const next = blocks[b + 1];
  const leads = leadsOn(blocks, b);
  if (leads) {
    const code = shortCode(next);
    if (next && (next.kind === 'list' || next.kind === 'table')) {
      const lead = leadIn(paragraph);
      const lines = structureLines(next, maxPassageChars - lead.length, score);
      add([lead, ...lines].join('\n'), 'introduced', b, { linkRun: isLinkRun(next.lines) || isNavigationTable(next) });
    } else if (code) {
      // "The format is as follows:" and the syntax line, "Enter the following command:" and the command.
      add([leadIn(paragraph), ...code].join('\n'), 'introduced', b, { code: code.join('\n') });
    } else {
      // A sentence introducing an example or nothing: alone it promises what it cannot show.
      add(paragraph, 'prose', b, { dangling: true });
    }
  }
  if (paragraph.length <= maxPassageChars) {
    if (!leads) add(paragraph, /^[\w .()[\]-]{1,60}: /.test(paragraph) ? 'entry' : 'prose', b);
  } else {
    for (const window of windows(paragraph)) add(window, 'prose', b, { dangling: introduces.test(window) && window.endsWith(':') });
  }
}

function addStructure(blocks: readonly Block[], b: number, add: AddPassage, score: TextScore): void {
  const block = blocks[b]!;
  const previous = blocks[b - 1];
  const introduced = previous?.kind === 'paragraph' && leadsOn(blocks, b - 1);
  const navigation = isNavigationTable(block);
  const linkRun = isLinkRun(block.lines) || navigation;
  if (!introduced)
    add(structureLines(block, maxPassageChars, score).join('\n'), block.kind === 'table' ? 'table-rows' : 'list', b, { linkRun });
  if (block.kind === 'table' && block.lines.length > 1) {
    // Each row with the header: the one row that holds the value asked about. A short
    // paragraph right above the table (the sentence announcing it, or its caption, such as
    // "Compressed Store Manager error parameters: ...") says what its rows are; it comes along.
    const header = hasHeader(block.lines) ? block.lines[0]! : undefined;
    const intro =
      previous?.kind === 'paragraph' && previous.lines.join(' ').length <= maxRowLeadInChars ? previous.lines.join(' ') : undefined;
    const above = [intro, header].filter((line) => line !== undefined);
    for (const row of header ? block.lines.slice(1) : block.lines) {
      const quoted = focus(row, maxPassageChars, score);
      add([...above, quoted].join('\n'), 'table-rows', b, { row: quoted, linkRun: navigation, ...(intro ? { lead: intro } : {}) });
    }
  }
  const code = block.kind === 'list' ? shortCode(blocks[b + 1]) : undefined;
  const lastItem = block.lines[block.lines.length - 1]!;
  // A step that ends "Enter the following command:" comes with the command below it.
  if (code && introduces.test(lastItem))
    add([focus(lastItem.trim(), maxPassageChars, score), ...code].join('\n'), 'list', b, { linkRun, code: code.join('\n') });
  if (block.kind === 'list' && block.lines.length > 1) {
    block.lines.forEach((item, index) => {
      if (item.length < 60) return;
      const nested = nestedItems(block.lines, index);
      // An item that has items of its own ("Return status details are as follows:") is
      // quoted with them, trimmed to those that matter; one that announces items it does not have is cut.
      if (nested.length > 0) add(trimItems([item, ...nested], maxPassageChars, score, 1).join('\n'), 'list', b, { linkRun });
      else add(focus(item, maxPassageChars, score), 'list', b, { linkRun, dangling: introduces.test(item) });
    });
  }
}

/** Every passage of a section worth considering for a question. */
export function sectionPassages(text: string, score: TextScore): Passage[] {
  const blocks = sectionBlocks(text);
  const passages: Passage[] = [];
  const seen = new Set<string>();
  const add: AddPassage = (text, shape, block, extra = {}) => {
    const trimmed = text.trim();
    if (!trimmed || seen.has(trimmed)) return;
    seen.add(trimmed);
    passages.push({ text: trimmed, shape, block, dangling: false, linkRun: false, ...extra });
  };
  addParagraphRuns(blocks, add);
  blocks.forEach((block, b) => {
    if (block.kind === 'paragraph') addParagraph(blocks, b, add, score);
    else if (block.kind === 'list' || block.kind === 'table') addStructure(blocks, b, add, score);
  });
  return passages;
}
