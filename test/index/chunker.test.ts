// Sections → chunks: bounded size, cut between sentences, one anchor per chunk, parameter
// entries packed together, link lists left out.
import { describe, expect, it } from 'vitest';
import { chunkPage, maxChunkChars, packParagraphs } from '../../indexer/chunker.ts';
import type { ParsedPage, Section } from '../../indexer/model.ts';

function section(headingPath: string[], anchor: string, text: string): Section {
  return { heading: headingPath.at(-1) ?? '', headingPath, anchor, level: headingPath.length + 1, text, links: [] };
}

function page(sections: Section[], description = 'A gadget routine.'): ParsedPage {
  return {
    repo: 'api',
    path: 'wdk-ddi-src/content/gadget/nf-gadget-gdtwhirl.md',
    url: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/gadget/nf-gadget-gdtwhirl',
    title: 'GdtWhirl function (gadget.h)',
    description,
    keywords: [],
    kind: 'api',
    areaId: 'gadget',
    area: 'Gadgets',
    breadcrumb: [],
    sections,
  };
}

const sentence = (i: number) => `Sentence number ${i} explains one more detail of whirling gadgets.`;

describe('packParagraphs', () => {
  it('keeps every piece within the bound and loses no text', () => {
    const text = Array.from({ length: 80 }, (_, i) => sentence(i)).join(' ');
    const pieces = packParagraphs(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(maxChunkChars);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });

  it('cuts between sentences, not inside one', () => {
    const text = Array.from({ length: 80 }, (_, i) => sentence(i)).join(' ');
    for (const piece of packParagraphs(text)) expect(piece).toMatch(/gadgets\.$/);
  });

  it('packs short paragraphs together', () => {
    expect(packParagraphs('One.\n\nTwo.\n\nThree.')).toEqual(['One.\n\nTwo.\n\nThree.']);
  });

  it('keeps the indentation that nests a list or a paragraph under an item', () => {
    const text = '- Status handling is as follows:\n\n  - Success frees the state.\n  - Failure restarts.\n\n  More about the first item.';
    expect(packParagraphs(text)).toEqual([text]);
  });
});

describe('chunkPage', () => {
  it('packs parameter entries that share an anchor into one chunk, each led by its name', () => {
    const chunks = chunkPage(
      page([
        section([], '', 'Whirls a gadget.'),
        section(['Parameters', 'Gadget [in]'], 'parameters', 'The gadget to whirl.'),
        section(['Parameters', 'Speed [in]'], 'parameters', 'How fast.'),
        section(['Remarks'], 'remarks', 'Call it at PASSIVE_LEVEL.'),
      ]),
    );
    expect(chunks.map((c) => [c.section, c.anchor])).toEqual([
      ['', ''],
      ['Parameters', 'parameters'],
      ['Remarks', 'remarks'],
    ]);
    expect(chunks[1]!.text).toBe('Gadget [in]: The gadget to whirl.\n\nSpeed [in]: How fast.');
  });

  it('leaves out See also and other link lists', () => {
    const chunks = chunkPage(page([section(['Remarks'], 'remarks', 'Useful.'), section(['See also'], 'see-also', 'GdtSpin\n\nGdtStop')]));
    expect(chunks.map((c) => c.section)).toEqual(['Remarks']);
  });

  it('still gives a page without body text one chunk, its description', () => {
    expect(chunkPage(page([], 'Only a description.'))).toEqual([{ section: '', anchor: '', text: 'Only a description.', links: [] }]);
  });

  it("carries the pages each section links to, once each, without anchors, parameter entries' together", () => {
    const DDI = 'https://learn.microsoft.com/windows-hardware/drivers/ddi/gadget';
    const linking = (headingPath: string[], anchor: string, text: string, urls: string[]) => ({
      ...section(headingPath, anchor, text),
      links: urls.map((url, i) => ({ text: `link ${i}`, url })),
    });
    const chunks = chunkPage(
      page([
        linking(['Parameters', 'Gadget [in]'], 'parameters', 'The gadget.', [`${DDI}/ns-gadget-gdt#members`, `${DDI}/nf-gadget-gdtspin`]),
        linking(['Parameters', 'Speed [in]'], 'parameters', 'How fast.', [`${DDI}/ns-gadget-gdt`, `${DDI}/ne-gadget-speed`]),
        linking(['Remarks'], 'remarks', 'Call it at PASSIVE_LEVEL.', []),
      ]),
    );
    expect(chunks.map((c) => c.links)).toEqual([[`${DDI}/ns-gadget-gdt`, `${DDI}/nf-gadget-gdtspin`, `${DDI}/ne-gadget-speed`], []]);
  });
});
