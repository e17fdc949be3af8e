// The passage rules, each on real pages of the corpus slice: what an answer quotes, not only
// which page it finds. Assertions are about structure (a lead-in and its list, a table row
// with its header, the section an intent wants), never about the docs' wording.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { type CandidateSection, choosePassages, rankPassages, type ScoredPassage } from '../../bot/answer/passage-choice.ts';
import { hasHeader, isMetaOnly, sectionBlocks, sectionPassages, trimItems } from '../../bot/answer/passages.ts';
import type { Answer } from '../../bot/answer/types.ts';
import { analyseQuery } from '../../indexer/query-analysis.ts';
import { openIndex, type LoadedIndex } from '../../indexer/load-index.ts';
import { chunksOfPage, type ChunkStoreData } from '../../indexer/orama/chunk-store.ts';
import { createTestEngine } from '../support/test-engine.ts';
import { sliceIndexFile } from '../support/slice.ts';

let engine: AnswerEngineContract;
let index: LoadedIndex;
beforeAll(async () => {
  engine = await createTestEngine();
  index = openIndex(sliceIndexFile);
});

const excerptText = (answer: Answer, i: number) => answer.excerpts[i]?.spans.map((span) => span.text).join('') ?? '';

/** A whole section of a slice page, as the engine reads it. */
function sectionOf(path: string, heading: string): CandidateSection {
  const pageIndex = index.pages.findIndex((page) => page.path === path);
  expect(pageIndex, path).toBeGreaterThanOrEqual(0);
  const chunks = chunksOfPage(index.chunkDb.data.docs as ChunkStoreData, pageIndex).filter((chunk) => chunk.section === heading);
  expect(chunks.length, `${path} › ${heading}`).toBeGreaterThan(0);
  return {
    pageIndex,
    page: index.pages[pageIndex]!,
    pageShare: 1,
    section: heading,
    anchor: chunks[0]!.anchor,
    text: chunks.map((chunk) => chunk.text).join('\n\n'),
  };
}

/** A section of text we wrote, as if on the slice's first page (its facts do not matter here). */
function ownSection(heading: string, text: string): CandidateSection {
  return { pageIndex: 0, page: index.pages[0]!, pageShare: 1, section: heading, anchor: heading.toLowerCase().replace(/\s+/g, '-'), text };
}

describe('blocks and trimming (text of our own)', () => {
  const text = [
    'A paragraph that introduces the rules as follows:',
    '',
    '- First rule, short.',
    '',
    '- Second rule, also short.',
    '',
    'Name | Meaning',
    'Alpha | The first letter.',
    'Beta | The second letter.',
  ].join('\n');

  it('reads paragraphs, a loose list as one list, and a table', () => {
    expect(sectionBlocks(text).map((block) => [block.kind, block.lines.length])).toEqual([
      ['paragraph', 1],
      ['list', 2],
      ['table', 3],
    ]);
  });

  it('a lead-in that ends on ":" is quoted with what it introduces, never alone', () => {
    const passages = sectionPassages(text, () => 1);
    const introduced = passages.find((passage) => passage.shape === 'introduced');
    expect(introduced?.text.split('\n')).toHaveLength(3);
    expect(introduced?.text.split('\n')[1]).toMatch(/^- First/);
    expect(passages.some((passage) => passage.text.endsWith(':') && !passage.dangling)).toBe(false);
  });

  it('a long row with a list written inside its cell keeps the item asked about, with the words announcing it', () => {
    // Items that start in lower case run on as one sentence: only the items split the cell.
    const filler = Array.from({ length: 8 }, (_, i) => `- while the bus resets for the ${i}th time and every queued request waits.`).join(
      ' ',
    );
    const row = `GZ_STATUS_BUSY | The gizmo cannot frob in any of these cases: ${filler} - In a callback for any of the following operations: - GZ_OP_FLUSH - GZ_OP_PURGE - After the device is removed.`;
    const table = ['Status | Meaning', row, 'GZ_STATUS_GONE | The gizmo left.'].join('\n');
    const score = (text: string) => (text.includes('GZ_OP_FLUSH') ? 5 : 0);
    const quoted = sectionPassages(table, score).find((passage) => passage.row?.startsWith('GZ_STATUS_BUSY'));
    expect(quoted?.row).toContain('In a callback for any of the following operations: - GZ_OP_FLUSH');
    expect(quoted?.row?.length).toBeLessThan(row.length);
  });

  it('an item that announces items of its own is quoted with them; one that lost them is marked cut', () => {
    const nested = [
      '- The gizmo wakes from sleep and calls the driver back with the frob type set. Status handling is as follows:',
      '',
      '  - The driver returns success after it frees its software state.',
      '  - A failure makes the system restart the gizmo stack.',
      '',
      '- The gizmo is unplugged while it runs and the driver gets the callback at once, with work still pending.',
    ].join('\n');
    const passages = sectionPassages(nested, () => 1);
    const announcing = passages.filter((passage) => passage.text.startsWith('- The gizmo wakes'));
    expect(announcing.length).toBeGreaterThan(0);
    for (const passage of announcing) expect(passage.text).toContain('  - The driver returns success');
    const [announcer, , , , , next] = nested.split('\n');
    const cut = sectionPassages([announcer, '', next].join('\n'), () => 1);
    expect(cut.find((passage) => passage.text === announcer)?.dangling).toBe(true);
  });

  it('a table row is quoted under its header', () => {
    const rows = sectionPassages(text, () => 1).filter((passage) => passage.shape === 'table-rows');
    expect(rows.map((row) => row.text)).toContain('Name | Meaning\nBeta | The second letter.');
  });

  it('a long list keeps the best items in order and marks what it left out', () => {
    const items = ['- one apple', '- two pears', '- three plums', '- four figs', '- five limes'];
    const kept = trimItems(items, 30, (item) => (item.includes('plums') ? 5 : 0), 0);
    expect(kept).toContain('- three plums');
    expect(kept.filter((line) => line === '…').length).toBeGreaterThan(0);
    expect(kept.join('\n').length).toBeLessThan(items.join('\n').length);
  });

  it('a nested item is kept with the item it belongs to', () => {
    const items = ['- alpha point', '- beta point', '  - beta detail that matters', '- gamma point', '- delta point'];
    const kept = trimItems(items, 50, (item) => (item.includes('matters') ? 5 : 0), 0);
    expect(kept).toContain('  - beta detail that matters');
    expect(kept).toContain('- beta point');
    expect(kept.indexOf('- beta point')).toBeLessThan(kept.indexOf('  - beta detail that matters'));
  });

  it('a paragraph about the page itself is never joined to the text it follows', () => {
    const passages = sectionPassages('The gizmo frobs twice.\n\nImportant: This article is for programmers.', () => 1);
    expect(passages.map((passage) => passage.text)).not.toContain('The gizmo frobs twice.\nImportant: This article is for programmers.');
    expect(isMetaOnly('For more information, see Gizmos. This topic lists them.')).toBe(true);
    expect(isMetaOnly('The gizmo frobs twice. For more information, see Gizmos.')).toBe(false);
  });

  it('a long list item is cut to its first sentence and the sentences that matter, not to its start', () => {
    const item =
      '- The widget stops when the bus resets. It then waits for the hub. The hub may take a while to answer. ' +
      'Nothing is lost while it waits. Logging goes on as before. Counters keep their values. ' +
      'A driver that sees the reset must mark the widget as gone in its own context. Later calls fail at once.';
    const cut = trimItems([item, '- A short second item.'], 200, (text) => (/mark the widget/.test(text) ? 5 : 0), 0);
    const quoted = cut.join('\n');
    expect(quoted).toMatch(/^- The widget stops when the bus resets\./);
    expect(quoted).toContain('must mark the widget as gone');
    expect(quoted).not.toContain('Counters keep their values');
    expect(quoted).toContain('…');
  });

  it('a table row comes with the short sentence that announces the table, which is scored as a heading', () => {
    const table = 'The following table lists the widget versions.\n\nRelease | Widget version\nSpring | 1.4\nAutumn | 2.0';
    const rows = sectionPassages(table, () => 1).filter((passage) => passage.row !== undefined);
    expect(rows.map((row) => row.text)).toContain('The following table lists the widget versions.\nRelease | Widget version\nAutumn | 2.0');
    expect(rows.every((row) => row.lead === 'The following table lists the widget versions.')).toBe(true);
    // A caption right above a table comes along too: two tables with the same header are told apart.
    const captioned = 'Spindle limits: These apply to every gizmo.\n\nName | Value\nSpeed | 90';
    expect(sectionPassages(captioned, () => 1).find((passage) => passage.row === 'Speed | 90')?.lead).toBe(
      'Spindle limits: These apply to every gizmo.',
    );
    // Announcing the table, the sentence is never quoted alone.
    expect(sectionPassages(table, () => 1).map((passage) => passage.text)).not.toContain('The following table lists the widget versions.');
  });

  it('a row scores on its own words: the lead shared by every row does not make every row an answer', () => {
    const section = ownSection(
      'Versions',
      'The following table lists which frobnicator release each gizmo supports.\n\nName | Level\nQuill | 3\nSpindle | 7\nTreadle | 9',
    );
    const analysis = analyseQuery(index, 'Which frobnicator release does the spindle gizmo support?');
    const ranked = rankPassages([section], analysis);
    const quill = ranked.find((passage) => passage.row === 'Quill | 3')!;
    const spindle = ranked.find((passage) => passage.row === 'Spindle | 7')!;
    // The lead's words count as the citation's do (a share), not as words the row says.
    expect(quill.tokens.has('frobnic')).toBe(false);
    expect(spindle.score).toBeGreaterThan(2 * quill.score);
    const chosen = choosePassages(ranked, analysis);
    expect(chosen[0]!.text).toContain('Spindle | 7');
    expect(chosen.map((passage) => passage.text).join('\n')).not.toMatch(/Quill|Treadle/);
  });

  it('an option named on a line of its own, above what it does, counts as the entry the question names', () => {
    const section = ownSection(
      'Options',
      [
        '-quill',
        'Records each gizmo spindle into a trace file of its own, one for every gizmo.',
        '',
        '-treadle',
        'Supports gizmo spindle traces as quill does, and records gizmo treadle traces as well, in one file.',
      ].join('\n\n'),
    );
    const analysis = analyseQuery(index, 'Does the gizmo recorder still support quill for gizmo spindle traces?');
    const ranked = rankPassages([section], analysis);
    expect(ranked[0]!.text).toMatch(/^-quill\n/);
  });

  it('a question about what replaces something prefers the passage that says it is obsolete or replaced', () => {
    const section = ownSection(
      'Gizmo spindles',
      [
        'Use the gizmo spindle command to list spindles; it is supported on every gizmo and lists each spindle with its speed.',
        'The gizmo spindle command is obsolete. To list spindles, use the treadle command.',
      ].join('\n\n'),
    );
    const analysis = analyseQuery(index, 'The gizmo spindle command is no longer supported. What should I use instead to list spindles?');
    expect(analysis.intents.has('status')).toBe(true);
    const ranked = rankPassages([section], analysis).map((passage) => passage.text);
    const replaced = ranked.findIndex((text) => text.startsWith('The gizmo spindle command is obsolete'));
    const describes = ranked.findIndex((text) => text.startsWith('Use the gizmo') && !text.includes('\n'));
    expect(replaced).toBeGreaterThanOrEqual(0);
    expect(replaced).toBeLessThan(describes);
    expect(analyseQuery(index, 'Is this for version 1 instead of version 2?').intents.has('status')).toBe(false);
  });

  it('two overlapping windows of short paragraphs, each answering one part, are quoted as one run', () => {
    const section = ownSection(
      'Remarks',
      [
        'The driver passes the gizmo spindle request handle to GizmoQuery.',
        'This callback runs in the context of the thread that opened the gizmo.',
        'To register the callback, the driver calls GizmoRegister once.',
        'Either finish it or forward it to the treadle.',
      ].join('\n\n'),
    );
    const analysis = analyseQuery(
      index,
      'Must the driver finish the gizmo spindle request, and in which thread context does the callback run?',
    );
    const chosen = choosePassages(rankPassages([section], analysis), analysis);
    const both = chosen.find((passage) => passage.text.includes('thread that opened') && passage.text.includes('Either finish'));
    expect(both, chosen.map((passage) => passage.text).join(' || ')).toBeDefined();
    // Each paragraph is quoted once.
    const quoted = chosen.map((passage) => passage.text).join('\n');
    expect(quoted.split('This callback runs').length).toBe(2);
  });

  it('a version the question names exactly is a value asked about; its parts are not numbers of their own', () => {
    const analysis = analyseQuery(index, 'Should I use gizmo tools 2.4.6 or 2.6.3 with kit 10.0.22621.2428 for bug check 0x12B?');
    expect([...analysis.numberForms].sort()).toEqual(['0x12b', '10.0.22621.2428', '2.4.6', '2.6.3', '299'].sort());
    const section = ownSection(
      'Gizmo tools',
      [
        'Gizmo tools packs arrived in a later gizmo tools release, so you no longer clone the gizmo tools repository to use them.',
        'For certification, use gizmo tools 2.4.6 or 2.6.3 with older kits, and a newer one with newer kits.',
      ].join('\n\n'),
    );
    const ranked = rankPassages([section], analysis).filter((passage) => !passage.text.includes('\n'));
    expect(ranked[0]!.text).toMatch(/^For certification/);
  });

  it('a build number and the parts of a dotted decoration are labels, not values asked about', () => {
    const analysis = analyseQuery(index, 'For Windows 10 build 17134, do I write NTamd64.10.0...17134 or NTamd64.10.0..17134?');
    expect([...analysis.numberForms]).toEqual([]);
  });

  it('words that frame a question weigh little; the words naming its subject keep their weight', () => {
    const analysis = analyseQuery(
      index,
      "So how do I go about it: does the spindle still happen to behave when the gizmo says it doesn't?",
    );
    for (const framing of ['go', 'still', 'happen', 'behav', 'sai', "doesn't"]) expect(analysis.weights.get(framing) ?? 0).toBeLessThan(1);
    expect(analysis.weights.get('spindl')).toBeGreaterThan(2);
  });

  it('a how-to question is answered from the steps, not from a parameter entry sharing its words', () => {
    const analysis = analyseQuery(index, 'How do I set the gizmo spindle speed?');
    const steps = ownSection('Remarks', 'Stop the gizmo, write the new spindle speed for the gizmo, then start the gizmo again.');
    const entry = ownSection('Parameters', 'Rate [in]: The gizmo spindle speed to set, in turns per second, from one to ninety.');
    const ranked = rankPassages([entry, steps], analysis);
    expect(ranked[0]!.source.section).toBe('Remarks');
  });

  it('a passage that only points elsewhere after a one-line lead ranks below one that explains', () => {
    const section = ownSection(
      'Gizmo resets',
      'Gizmo resets can clear spindle counters. For more information, see Troubleshooting gizmo resets.\n\n' +
        'A gizmo reset clears the spindle counters, and the driver must reload the spindle table before the next gizmo request.',
    );
    const analysis = analyseQuery(index, 'What happens to the spindle counters when a gizmo resets?');
    const ranked = rankPassages([section], analysis).map((passage) => passage.text);
    const pointer = ranked.findIndex((text) => text.startsWith('Gizmo resets can') && !text.includes('\n'));
    const explains = ranked.findIndex((text) => text.startsWith('A gizmo reset clears'));
    expect(pointer).toBeGreaterThanOrEqual(0);
    expect(explains).toBeGreaterThanOrEqual(0);
    expect(explains).toBeLessThan(pointer);
  });

  it('a sentence announcing a short code block is quoted with the code; a long sample leaves it cut', () => {
    const syntax = 'Starting with kit 3, the format of the gizmo decoration is as follows:\n\n```inf\nGZ[Arch][.[Major][.[Build]]]\n```';
    const introduced = sectionPassages(syntax, () => 1).find((passage) => passage.shape === 'introduced');
    expect(introduced?.text).toBe('Starting with kit 3, the format of the gizmo decoration is as follows:\nGZ[Arch][.[Major][.[Build]]]');
    expect(introduced?.code).toBe('GZ[Arch][.[Major][.[Build]]]');
    expect(introduced?.dangling).toBe(false);
    const sample = Array.from({ length: 12 }, (_, i) => `GzFrob(gizmo, ${i});`).join('\n');
    const long = sectionPassages(`The following sample frobs every gizmo:\n\n\`\`\`c\n${sample}\n\`\`\``, () => 1);
    expect(long.map((passage) => [passage.text, passage.dangling])).toEqual([['The following sample frobs every gizmo:', true]]);
  });

  it('a step that ends "enter the following command:" comes with the command', () => {
    const steps = [
      '1. Copy gizmo.exe to the target computer.',
      '2. On the target computer, open a command prompt and enter the following command:',
      '',
      '   ```console',
      '   gizmo.exe /frob on',
      '   ```',
      '',
      '3. Restart the target computer.',
    ].join('\n');
    const passages = sectionPassages(steps, () => 1);
    const step = passages.find((passage) => passage.code !== undefined);
    expect(step?.text).toBe('2. On the target computer, open a command prompt and enter the following command:\ngizmo.exe /frob on');
    expect(step?.dangling).toBe(false);
  });

  it('words found only in quoted code count like a heading, not as the passage saying them', () => {
    const analysis = analyseQuery(index, 'Should I pass the spindle address or the gizmo address to gizmo.exe <SpindleAddress>?');
    const section = ownSection(
      'Examples',
      'The following example frobs the gizmo over the network:\n\n```console\ngizmo.exe <SpindleAddress> -frob\n```\n\n' +
        'Pass the spindle address, not the gizmo address, and then restart the gizmo.',
    );
    const ranked = rankPassages([section], analysis);
    const example = ranked.find((passage) => passage.code !== undefined)!;
    expect(example.tokens.has('spindleaddress')).toBe(false);
    expect(ranked[0]!.text).toMatch(/^Pass the spindle address/);
  });

  it("a short paragraph that names what the list below holds is quoted with it; a note or an item's second paragraph is not", () => {
    const stages = 'A gizmo has three stages of start-up.\n\n- First, it frobs.\n- Then it spins.\n- Last, it reports.';
    expect(
      sectionPassages(stages, () => 1)
        .find((passage) => passage.shape === 'introduced')
        ?.text.split('\n'),
    ).toHaveLength(4);
    const note = 'Note: Only wired gizmos have three stages.\n\n- First, it frobs.\n- Then it spins.';
    expect(sectionPassages(note, () => 1).some((passage) => passage.shape === 'introduced')).toBe(false);
    const itemParagraph = '- 0x1: GZ_BUSY\n\n    The gizmo has two stages left to run.\n\n- 0x2: GZ_GONE';
    expect(sectionPassages(itemParagraph, () => 1).some((passage) => passage.shape === 'introduced')).toBe(false);
  });

  it('a long item kept alone keeps the room the items left out would have taken', () => {
    const long = `- ${Array.from({ length: 12 }, (_, i) => `Sentence ${i} says the gizmo frobs ${i === 9 ? 'the spindle' : 'again'}.`).join(' ')}`;
    const other = `- ${'The other item says the gizmo is long. '.repeat(12).trim()}`;
    const score = (text: string) => (text.includes('spindle') ? 5 : text.includes('gizmo') ? 1 : 0);
    const kept = trimItems([long, other], 420, score, 0);
    expect(kept[0]).toContain('the spindle');
    // Cut to 80% of the budget to make room for others, then given back what they left.
    expect(kept[0]!.length).toBeGreaterThan(420 * 0.8);
    expect(kept.join('\n').length).toBeLessThanOrEqual(420);
  });

  it('an identifier named only as a contrast ("not only Y", "instead of Y") weighs less than the subject', () => {
    const analysis = analyseQuery(index, 'Is GzFrobSpindle called with GzModeFast, not only GzModeSlow, or instead of GzModeIdle?');
    expect(analysis.weights.get('gzmodeslow')).toBeLessThan(analysis.weights.get('gzmodefast')! / 2);
    expect(analysis.weights.get('gzmodeidle')).toBeLessThan(analysis.weights.get('gzmodefast')! / 2);
    const named = analyseQuery(index, 'Use GzModeSlow instead of GzModeFast, or GzModeFast alone?');
    expect(named.weights.get('gzmodefast')).toBe(named.weights.get('gzmodeslow'));
  });

  it('a further passage that covers clearly more of the question than any quoted yet is quoted too', () => {
    const analysis = analyseQuery(index, 'Does a gizmo server load spindle drivers that pass frob tests?');
    const section = ownSection('Gizmo', 'x');
    const passage = (text: string, score: number, coverage: number): ScoredPassage => ({
      text,
      shape: 'prose',
      block: text.length,
      dangling: false,
      linkRun: false,
      source: section,
      score,
      coverage,
      tokens: new Set(['gizmo', 'server', 'spindl', 'driver']),
      carriesIdentifier: true,
    });
    const best = passage('Gizmo server | Spindle drivers: No', 1, 0.6);
    const wider = passage('A gizmo server loads only spindle drivers that pass the frob tests.', 0.5, 0.8);
    const narrower = passage('Gizmo servers and spindle drivers came later.', 0.5, 0.62);
    expect(choosePassages([best, wider], analysis).map((chosen) => chosen.text)).toContain(wider.text);
    expect(choosePassages([best, narrower], analysis).map((chosen) => chosen.text)).not.toContain(narrower.text);
  });

  it('a "Topic | Description" table is a table of contents; a parameter table is not', () => {
    const contents =
      'Topic | Description\nGizmo frobbing | Explains how a gizmo frobs its spindle.\nGizmo resets | Lists what a reset clears.';
    const rows = sectionPassages(contents, () => 1).filter((passage) => passage.shape === 'table-rows');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.linkRun).toBe(true);
    const parameters = 'Parameter | Description\n1 | The spindle that failed.\n2 | The gizmo it belongs to.';
    for (const row of sectionPassages(parameters, () => 1).filter((passage) => passage.row)) expect(row.linkRun).toBe(false);
  });

  it('a Requirements row counts when the question names it; for an IRQL question, only a row naming a level fits', () => {
    // As the parser writes an API page's Requirements: its first row reads as the header.
    const table = 'Minimum supported client | Windows 10\nHeader | gizmo.h (include GzFrobSpindle.h)\nIRQL | PASSIVE_LEVEL';
    const scoreOf = (question: string, heading: string, row: string) =>
      rankPassages([ownSection(heading, table)], analyseQuery(index, question)).find((passage) => passage.row === row)!.score;
    const irql = 'At what IRQL is GzFrobSpindle called?';
    const headerRow = 'Header | gizmo.h (include GzFrobSpindle.h)';
    // Neither the intent's lift nor a place in the answer: the facts card shows the header.
    expect(scoreOf(irql, 'Requirements', headerRow)).toBeLessThan(scoreOf(irql, 'Overview', headerRow) / 2);
    expect(scoreOf(irql, 'Requirements', 'IRQL | PASSIVE_LEVEL')).toBeGreaterThan(scoreOf(irql, 'Overview', 'IRQL | PASSIVE_LEVEL') * 1.5);
    // Remarks fit an IRQL question too, but only through a passage that names a level.
    const remarks = (heading: string, text: string) => rankPassages([ownSection(heading, text)], analyseQuery(index, irql))[0]!.score;
    const silent = 'GzFrobSpindle frobs the spindle of a gizmo until it stops.';
    expect(remarks('Remarks', silent)).toBeCloseTo(remarks('Overview', silent));
    const naming = 'GzFrobSpindle frobs the spindle of a gizmo at PASSIVE_LEVEL.';
    expect(remarks('Remarks', naming)).toBeGreaterThan(remarks('Overview', naming) * 1.5);
    const header = 'Which header declares GzFrobSpindle?';
    expect(scoreOf(header, 'Requirements', headerRow)).toBeCloseTo(scoreOf(header, 'Overview', headerRow));
  });

  it('a subheading inlined above a code block ("Example: ```cpp") still opens the code block', () => {
    const blocks = sectionBlocks('Example: ```cpp\nGzFrob(gizmo);\n```\n\nThe gizmo frobs once.');
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'code', 'paragraph']);
    expect(blocks[0]!.lines).toEqual(['Example:']);
  });

  it('calling something from an ISR or a DPC asks about IRQL; the passage naming a level is lifted wherever it is', () => {
    const analysis = analyseQuery(index, 'Can I use GzFrobSpindle from my DPC?');
    expect(analysis.intents.has('irql')).toBe(true);
    expect(analyseQuery(index, 'How do I queue a DPC for the gizmo?').intents.has('irql')).toBe(false);
    const section = ownSection(
      'Remarks',
      'GzFrobSpindle frobs the spindle of the gizmo and returns when the spindle stops turning.\n\n' +
        'Callers of GzFrobSpindle must be running at IRQL <= DISPATCH_LEVEL.',
    );
    const ranked = rankPassages([section], analysis).filter((passage) => !passage.text.includes('\n'));
    expect(ranked[0]!.text).toMatch(/DISPATCH_LEVEL/);
  });

  it('a small number the question gives as a value ("argument is 3") is one; a label ("parameter 3") is not', () => {
    expect([...analyseQuery(index, 'Bug check 0x9F and the first argument is 3: what is arg 2?').numberForms].sort()).toEqual(
      ['0x3', '0x9f', '159', '3'].sort(),
    );
    expect([...analyseQuery(index, 'What does parameter 3 of bug check 0x9F hold?').numberForms].sort()).toEqual(['0x9f', '159']);
    expect(analyseQuery(index, "In one dump Arg1 is 0x5 and in another it's 2.").numberForms.has('2')).toBe(true);
  });

  it('a further passage from the section another part of the question wants is quoted too', () => {
    const analysis = analyseQuery(index, 'What happens if GzFrobSpindle returns an error, and may I call it twice?');
    expect([...analysis.intents]).toEqual(expect.arrayContaining(['returns', 'behaviour']));
    const passage = (section: string, text: string, score: number): ScoredPassage => ({
      text,
      shape: 'prose',
      block: 0,
      dangling: false,
      linkRun: false,
      source: ownSection(section, text),
      score,
      coverage: 0.5,
      tokens: new Set(['gzfrobspindl', 'call']),
      carriesIdentifier: true,
    });
    const best = passage('Remarks', 'GzFrobSpindle may be called twice; the second call waits for the first.', 1);
    const returns = passage('Return value', 'GzFrobSpindle returns GZ_ERROR when the spindle is stuck; the gizmo then resets.', 0.6);
    const example = passage('Examples', 'The example calls GzFrobSpindle twice and checks for GZ_ERROR.', 0.6);
    expect(choosePassages([best, returns], analysis).map((chosen) => chosen.text)).toContain(returns.text);
    expect(choosePassages([best, example], analysis).map((chosen) => chosen.text)).not.toContain(example.text);
  });

  it('the excerpt limit counts cited sections (another passage of a section already quoted still fits), up to four passages', () => {
    const analysis = analyseQuery(index, 'How does the gizmo frob its spindle?');
    const sections = ['Remarks', 'Overview', 'Examples'].map((heading) => ownSection(heading, heading));
    const passage = (section: CandidateSection, block: number, text: string, score: number): ScoredPassage => ({
      text,
      shape: 'prose',
      block,
      dangling: false,
      linkRun: false,
      source: section,
      score,
      coverage: 0.5,
      tokens: new Set(['gizmo']),
      carriesIdentifier: true,
    });
    const ranked = [
      passage(sections[0]!, 0, 'The gizmo frobs its spindle twice a second.', 1),
      passage(sections[1]!, 0, 'A spindle turns while the gizmo hums.', 0.95),
      passage(sections[2]!, 0, 'Frobbing stops when the lid opens.', 0.9),
      passage(sections[0]!, 3, 'Each frob moves the spindle one notch.', 0.85),
      // A fifth would make the section a collage of its lines.
      passage(sections[1]!, 5, 'Humming gets louder with dust inside.', 0.8),
    ];
    const chosen = choosePassages(ranked, analysis);
    expect(chosen).toHaveLength(4);
    expect(new Set(chosen.map((one) => one.source)).size).toBe(3);
  });

  it('an identifier the question moved away from ("ported from X to Y") is set aside; Y is the subject', () => {
    const analysis = analyseQuery(index, 'Ported from GzFrobOld to GzFrobNew and now it fails. Why?');
    expect(analysis.subject).toBe('gzfrobnew');
    expect([...analysis.contrasted]).toEqual(['gzfrobold']);
  });

  it("a page the question names in words is not a sibling API's page, though its identifier is not named", () => {
    const page = { ...index.pages[0]!, title: 'GZ_SPINDLE_REGISTRATION_ATTRIBUTES structure (gizmo.h)', description: 'Spindle settings.' };
    const text = 'The interval that GzCheckSpindle runs at is always a multiple of two seconds, whatever was set.';
    const section: CandidateSection = { ...ownSection('Members', 'x'), page, text };
    // Score over coverage: what the page's identifiers make of the passage, all else equal.
    const factorFor = (question: string) => {
      const [passage] = rankPassages([section], analyseQuery(index, question));
      return passage!.score / passage!.coverage;
    };
    const inWords = factorFor('I set 5 seconds in the spindle registration attributes, yet GzCheckSpindle runs every 4 seconds. Why?');
    const unnamed = factorFor('I set 5 seconds, yet GzCheckSpindle runs every 4 seconds. Why?');
    expect(unnamed / inWords).toBeCloseTo(0.45);
  });

  it('at most two passages of one section; the places left go first to passages covering clearly more of the question', () => {
    const analysis = analyseQuery(index, 'How does the gizmo frob its spindle?');
    const [a, b, c, d] = ['Remarks', 'Overview', 'Examples', 'Usage'].map((heading) => ownSection(heading, heading));
    const stories = [
      'Frobbing starts slowly.',
      'Spindles wear out in winter.',
      'Lids rattle when it hums.',
      'Dust makes noise.',
      'Oil helps.',
    ];
    let told = 0;
    const passage = (section: CandidateSection, block: number, score: number, coverage: number): ScoredPassage => ({
      text: stories[told++]!,
      shape: 'prose',
      block,
      dangling: false,
      linkRun: false,
      source: section,
      score,
      coverage,
      tokens: new Set(['gizmo']),
      carriesIdentifier: true,
    });
    const crowded = choosePassages([passage(a!, 0, 1, 0.3), passage(a!, 1, 0.95, 0.3), passage(a!, 2, 0.9, 0.3)], analysis);
    expect(crowded).toHaveLength(2);
    told = 0;
    const wider = passage(d!, 0, 0.6, 0.6);
    const lower = passage(c!, 0, 0.85, 0.3);
    const chosen = choosePassages([passage(a!, 0, 1, 0.3), passage(b!, 0, 0.9, 0.3), lower, wider], analysis);
    const texts = chosen.map((one) => one.text);
    expect(texts).toContain(wider.text);
    expect(texts).not.toContain(lower.text);
  });

  it('a run of short paragraphs that are mostly titles reads as a list of links', () => {
    const run = 'Analyzing a gizmo dump\n\nUsing the frob extension\n\nThe gizmo book explains frobbing in depth.';
    const passage = sectionPassages(run, () => 1).find((one) => one.text.split('\n').length === 3);
    expect(passage?.linkRun).toBe(true);
  });

  it('a header is a row of short labels, not a row of sentences', () => {
    expect(hasHeader(['Name | Meaning', 'Alpha | The first letter.'])).toBe(true);
    expect(hasHeader(['Alpha | The first letter.', 'Beta | The second letter.'])).toBe(false);
  });
});

describe('what answers quote, on real pages', () => {
  it('keeps a list together with the sentence that introduces it', () => {
    const answer = engine.ask('How do I keep my driver from running out of kernel-mode stack?');
    const withList = answer.excerpts.find((excerpt) => {
      const lines = excerpt.spans
        .map((span) => span.text)
        .join('')
        .split('\n');
      // The lead-in, then its list (an excerpt may quote more of the same section after it).
      return lines.some((line, i) => line.endsWith(':') && lines[i + 1]?.startsWith('- ') && lines[i + 2]?.startsWith('- '));
    });
    expect(withList, JSON.stringify(answer.excerpts.map((e) => e.citation.path))).toBeDefined();
    expect(withList!.citation.path).toBe('windows-driver-docs-pr/kernel/using-the-kernel-stack.md');
    // No excerpt ends on a colon without what it announces.
    for (let i = 0; i < answer.excerpts.length; i += 1) expect(excerptText(answer, i).trimEnd().endsWith(':')).toBe(false);
  });

  it('a debugger command written with its "!" is the subject, though its name is a plain word', () => {
    const question = 'In my kernel dump, WinDbg tells me the !drivers extension is no longer supported. Which command do I run instead?';
    const answer = engine.ask(question);
    expect(answer.excerpts.length).toBeGreaterThan(0);
    for (const excerpt of answer.excerpts) expect(excerpt.citation.path).toBe('windows-driver-docs-pr/debuggercmds/-drivers.md');
    expect(analyseQuery(index, question).commandNames.size).toBe(1);
    // The plain word names no command.
    expect(analyseQuery(index, 'Which drivers are loaded in a kernel-mode dump file?').commandNames.size).toBe(0);
    // A filter still holds: asked among API pages only, the command's page is not brought in.
    const apiOnly = engine.ask(question, { kind: 'api' });
    expect(apiOnly.excerpts.some((excerpt) => excerpt.citation.path.includes('debuggercmds'))).toBe(false);
  });

  it('a debugger command is not the subject when the question names a bug check code: that page is quoted', () => {
    const question =
      'Bug check 0x133 and the first argument is 1. Can I see the queued DPCs with !dpcs, and what do the other arguments hold?';
    expect(analyseQuery(index, question).commandNames.size).toBe(1);
    const answer = engine.ask(question);
    expect(answer.excerpts.map((excerpt) => excerpt.citation.path)).toContain(
      'windows-driver-docs-pr/debugger/bug-check-0x133-dpc-watchdog-violation.md',
    );
  });

  it('answers about the API the question moved to, not the one it ported from, even when that page names the new one', () => {
    // ExAllocatePoolWithTag's one-line description points to ExAllocatePool2: that does not make it ExAllocatePool2's page.
    const answer = engine.ask(
      'Ported from ExAllocatePoolWithTag to ExAllocatePool2 and now every allocation comes back NULL. I pass 0 as the tag. Can I make it throw instead?',
    );
    expect(answer.api?.name).toBe('ExAllocatePool2');
    expect(answer.excerpts[0]?.citation.path).toBe('wdk-ddi-src/content/wdm/nf-wdm-exallocatepool2.md');
  });

  it('quotes every row of a parameter table holding a value the question gives', () => {
    const answer = engine.ask("DPC_WATCHDOG_VIOLATION (0x133): in one dump Arg1 is 0 and in another it's 1. What's the difference?");
    const lines = answer.excerpts.flatMap((_, i) => excerptText(answer, i).split('\n'));
    expect(lines.some((line) => line.startsWith('0 | '))).toBe(true);
    expect(lines.some((line) => line.startsWith('1 | '))).toBe(true);
  });

  it('quotes the table row for a value given in decimal where the table lists hex', () => {
    // 4660 is 0x1234.
    const answer = engine.ask('Bug check 0x1A MEMORY_MANAGEMENT: what does parameter 1 = 4660 mean?');
    const first = excerptText(answer, 0).split('\n');
    expect(answer.excerpts[0]?.citation.path).toBe('windows-driver-docs-pr/debugger/bug-check-0x1a--memory-management.md');
    expect(first.some((line) => /^0x1234 \| /.test(line))).toBe(true);
    // The row comes with the table's header row.
    expect(first[0]).toMatch(/ \| /);
    expect(first[0]).not.toMatch(/^0x1234/);
  });

  it('prefers Remarks over Parameters for a "what happens if" question', () => {
    const answer = engine.ask('What happens if a driver calls IoCancelIrp for an IRP it does not own?');
    expect(answer.excerpts[0]?.citation.path).toBe('wdk-ddi-src/content/wdm/nf-wdm-iocancelirp.md');
    expect(answer.excerpts[0]?.citation.section).toBe('Remarks');
  });

  it('does not answer "what happens if" with a parameter whose name merely shares words with an API', () => {
    // IoWorkItem (a parameter) shares "io", "work" and "item" with IoQueueWorkItem.
    const answer = engine.ask('What happens if IoQueueWorkItem is called for a work item that is already queued?');
    expect(answer.excerpts[0]?.citation.section).not.toMatch(/^Parameters/);
  });

  it('never refuses a question that names an identifier a page is titled by', () => {
    // Words the docs never use around a real identifier: the coverage gate alone would refuse.
    const answer = engine.ask('zorblax quindle IoQueueWorkItem frumious bandersnatch?');
    expect(answer.noAnswer).toBeUndefined();
    expect(answer.excerpts.length).toBeGreaterThan(0);
    expect(answer.excerpts[0]?.citation.path).toBe('wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md');
  });

  it('still refuses a question the docs have nothing on', () => {
    const answer = engine.ask('What is the best recipe for sourdough bread with rye flour?');
    expect(answer.excerpts).toHaveLength(0);
    expect(answer.noAnswer?.reason).toBe('no-match');
  });

  it('quotes the closest passages, saying they may not answer exactly, when the best page covers only part of the question', () => {
    // Half the weight is in words the docs never put together (a laptop fan that spins loudly).
    const partly = engine.ask('Why does my laptop fan spin loudly when the spin lock is held?');
    expect(partly.excerpts.length).toBeGreaterThan(0);
    expect(partly.notice).toMatch(/may not answer this exactly/);
    const surely = engine.ask('What happens if a driver calls IoCancelIrp for an IRP it does not own?');
    expect(surely.notice).toBeUndefined();
  });

  it('every excerpt carries the API the question names, in its text or its citation', () => {
    for (const question of ['When must a driver call WdfRequestComplete?', 'Can KeAcquireSpinLock be called at DISPATCH_LEVEL?']) {
      const answer = engine.ask(question);
      const name = question.match(/\b(?:Wdf|Ke)\w+/)![0].toLowerCase();
      expect(answer.excerpts.length, question).toBeGreaterThan(0);
      for (let i = 0; i < answer.excerpts.length; i += 1) {
        const { citation } = answer.excerpts[i]!;
        const page = engine.pageByPath(citation.path);
        const carried = `${excerptText(answer, i)} ${citation.pageTitle} ${citation.section} ${page?.title ?? ''}`.toLowerCase();
        expect(carried, `${question} [${i + 1}]`).toContain(name);
      }
    }
  });

  it('collapses the same passage found on two pages (header copies) into one excerpt', () => {
    const section = sectionOf('wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md', 'Remarks');
    // The same section as a second page would have it: another path, the same words.
    const copy: CandidateSection = { ...section, pageIndex: section.pageIndex + 1, page: { ...section.page, path: 'copy.md' } };
    const analysis = analyseQuery(index, 'What does IoQueueWorkItem do with the work item?');
    const chosen = choosePassages(rankPassages([section, copy], analysis), analysis);
    const texts = chosen.map((passage) => passage.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const passage of chosen) {
      const twins = chosen.filter((other) => other !== passage && other.text === passage.text);
      expect(twins).toHaveLength(0);
    }
  });

  it('emphasises distinctive words and identifiers, not every word of the question', () => {
    const answer = engine.ask('How do I keep my driver from running out of kernel-mode stack?');
    const bold = answer.excerpts.flatMap((excerpt) => excerpt.spans.filter((span) => span.match).map((span) => span.text.toLowerCase()));
    expect(bold.length).toBeGreaterThan(0);
    for (const common of ['driver', 'keep', 'my', 'from']) expect(bold).not.toContain(common);
  });

  it('shows no facts card for an API whose name is an ordinary word of the question', () => {
    // INTERFACE is a structure in wdm.h; "interface" in a sentence is a word.
    expect(engine.ask('How does a driver expose an interface to other drivers?').api).toBeUndefined();
    expect(engine.ask('What is the INTERFACE structure for?').api?.name).toBe('INTERFACE');
  });

  it('keeps the first message short', () => {
    for (const question of ['How do I protect shared data with a spin lock?', 'What happens when my driver gets IRP_MN_REMOVE_DEVICE?']) {
      const answer = engine.ask(question);
      const chars = answer.excerpts.reduce((sum, _, i) => sum + excerptText(answer, i).length, 0);
      expect(chars, question).toBeLessThanOrEqual(1400);
      expect(answer.excerpts.length).toBeLessThanOrEqual(3);
    }
  });
});
