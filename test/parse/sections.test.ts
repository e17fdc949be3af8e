import { describe, expect, it } from 'vitest';
import { NO_REDIRECTS } from '../../corpus/urls.ts';
import { AnchorAllocator, explicitAnchor, headingIdText, headingSlug } from '../../indexer/parse/anchors.ts';
import type { Heading } from 'mdast';
import { ddiHeading } from '../../indexer/parse/ddi-sections.ts';
import { MarkdownTextWriter } from '../../indexer/parse/markdown-text.ts';
import { parseMarkdown } from '../../indexer/parse/markdown.ts';
import { splitSections } from '../../indexer/parse/sections.ts';

const PAGE = 'windows-driver-docs-pr/gizmos/page.md';

function split(markdown: string, apiReference = false) {
  return splitSections(parseMarkdown(markdown), {
    pagePath: PAGE,
    redirects: NO_REDIRECTS,
    ...(apiReference ? { apiReference: { markdown } } : {}),
  });
}

function textOf(markdown: string): string {
  const writer = new MarkdownTextWriter();
  writer.blocks(parseMarkdown(markdown).children);
  return writer.finish().text;
}

describe('headingSlug', () => {
  it('lowercases, keeps letters, digits, _ and -, turns each space into -', () => {
    expect(headingSlug('Step 2: Build the GZ_DRIVER (x64)')).toBe('step-2-build-the-gz_driver-x64');
    expect(headingSlug("What's new in Windows 11, version 24H2")).toBe('whats-new-in-windows-11-version-24h2');
  });

  it('does not collapse the dashes left around removed punctuation', () => {
    expect(headingSlug('Scenario - Attach to a process')).toBe('scenario---attach-to-a-process');
  });
});

describe('heading ids from parsed headings', () => {
  const heading = (markdown: string) => parseMarkdown(markdown).children[0] as Heading;

  it('takes an explicit <a name>, <a id> or <span id> written into the heading', () => {
    expect(explicitAnchor(heading('## <a name="gz-top"></a>Top'))).toBe('gz-top');
    expect(explicitAnchor(heading('## <span id="gz-setup"></span><span id="GZ_SETUP"></span> Setup steps'))).toBe('gz-setup');
    expect(explicitAnchor(heading('## Plain'))).toBeUndefined();
  });

  it('slugs the text as learn does: inline HTML left out, a leading space kept, image alt text included', () => {
    expect(headingSlug(headingIdText(heading('### <span class="x"></span> Enabling the gizmo')))).toBe('-enabling-the-gizmo');
    expect(headingSlug(headingIdText(heading('## ![Download icon](i.png) Step 3: Install `gz`')))).toBe('download-icon-step-3-install-gz');
  });
});

describe('AnchorAllocator', () => {
  it('numbers duplicates -1, -2', () => {
    const anchors = new AnchorAllocator();
    expect(['remarks', 'remarks', 'remarks', 'other'].map((a) => anchors.take(a))).toEqual(['remarks', 'remarks-1', 'remarks-2', 'other']);
  });
});

describe('ddiHeading', () => {
  it('names DDI marker sections', () => {
    const names = [
      '-parameters',
      '-returns',
      '-remarks',
      '-see-also',
      '-syntax',
      '-struct-fields',
      '-enum-fields',
      '-ioctlparameters',
      '-input-buffer',
      '-status-block',
    ].map((marker) => ddiHeading(marker)?.heading);
    expect(names).toEqual([
      'Parameters',
      'Return value',
      'Remarks',
      'See also',
      'Syntax',
      'Members',
      'Constants',
      'IOCTL parameters',
      'Input buffer',
      'Status block',
    ]);
  });

  it('makes -description the lead and parameters/fields members', () => {
    expect(ddiHeading('-description')).toEqual({ heading: '', role: 'lead' });
    expect(ddiHeading('-param Gizmo [in, optional]')).toEqual({
      heading: 'Gizmo [in, optional]',
      role: 'member',
      fallbackAnchor: 'parameters',
    });
    expect(ddiHeading('-field Flags')?.heading).toBe('Flags');
  });

  it('ignores ordinary headings', () => {
    expect(ddiHeading('Remarks')).toBeUndefined();
  });
});

describe('markdown text', () => {
  it('separates paragraphs with a blank line and joins soft-wrapped lines', () => {
    expect(textOf('First line\ncontinues here.\n\nSecond paragraph.')).toBe('First line continues here.\n\nSecond paragraph.');
  });

  it('writes lists as "- item" and "1. item", nesting with indentation', () => {
    expect(textOf('- one\n- two\n  - two a\n\n3. three\n4. four')).toBe('- one\n- two\n  - two a\n\n3. three\n4. four');
  });

  it('writes tables as rows of cells', () => {
    expect(textOf('| Name | Value |\n|---|---|\n| `GZ_MAX` | 16 |')).toBe('Name | Value\nGZ_MAX | 16');
  });

  it('keeps code blocks verbatim in fences and inline code as its text', () => {
    expect(textOf('Call `GzOpen`:\n\n```c\nGzOpen(&h);\n  GzClose(h);\n```')).toBe('Call GzOpen:\n\n```c\nGzOpen(&h);\n  GzClose(h);\n```');
  });

  it('drops images and keeps link text', () => {
    expect(textOf('![A gizmo](gizmo.png) See [the guide](guide.md).')).toBe('See the guide.');
  });

  it('resolves reference-style links through their definitions', () => {
    const { sections } = split('Read [the spec][spec].\n\n[spec]: https://example.com/spec');
    expect(sections[0]?.links).toEqual([{ text: 'the spec', url: 'https://example.com/spec' }]);
  });
});

describe('splitSections', () => {
  const markdown = [
    '# Gizmo guide',
    'Lead text.',
    '## Setup',
    'Setup text with [a link](other.md#part).',
    '### Details',
    'Detail text.',
    '## Setup',
    'Second setup.',
    '## <a name="custom-id"></a>Custom',
    'Custom text.',
    '## Empty',
    '### Child',
    'Child text.',
  ].join('\n\n');
  const { h1, sections } = split(markdown);

  it('takes the H1 as the title and not as a section', () => {
    expect(h1).toBe('Gizmo guide');
    expect(sections.map((s) => s.heading)).not.toContain('Gizmo guide');
  });

  it('makes the text before the first subheading the lead', () => {
    expect(sections[0]).toMatchObject({ heading: '', headingPath: [], anchor: '', level: 0, text: 'Lead text.' });
  });

  it('gives heading paths, levels and anchors; duplicates numbered; explicit anchors win', () => {
    expect(sections.slice(1).map((s) => [s.headingPath.join(' > '), s.level, s.anchor])).toEqual([
      ['Setup', 2, 'setup'],
      ['Setup > Details', 3, 'details'],
      ['Setup', 2, 'setup-1'],
      ['Custom', 2, 'custom-id'],
      ['Empty > Child', 3, 'child'],
    ]);
  });

  it('never puts heading text inside section text', () => {
    expect(sections.find((s) => s.anchor === 'setup')?.text).toBe('Setup text with a link.');
  });

  it('resolves the links of each section', () => {
    expect(sections.find((s) => s.anchor === 'setup')?.links).toEqual([
      { text: 'a link', url: 'https://learn.microsoft.com/windows-hardware/drivers/gizmos/other#part' },
    ]);
  });

  it('keeps the text under a heading without text (only legacy ids) in the current section', () => {
    expect(
      split('# Title\n\n## <span id="gz_legacy"></span>\n\nOpening text.\n\n## Next\n\nMore.').sections.map((s) => [s.heading, s.text]),
    ).toEqual([
      ['', 'Opening text.'],
      ['Next', 'More.'],
    ]);
  });

  it('treats a later H1 as a level-1 section', () => {
    expect(split('# Title\n\n## A\n\nText.\n\n# Second top\n\nMore.').sections.map((s) => [s.heading, s.level])).toEqual([
      ['A', 2],
      ['Second top', 1],
    ]);
  });

  it('reads indented HTML on API pages as prose, but keeps real code', () => {
    const markdown = '# T\n\nA value of type\n\n     <b>GZ_KIND_FAST</b>.\n\n```\n<b>kept</b>\n```';
    expect(split(markdown, true).sections[0]?.text).toBe('A value of type\n\nGZ_KIND_FAST.\n\n```\n<b>kept</b>\n```');
    expect(split(markdown, false).sections[0]?.text).toContain('```\n <b>GZ_KIND_FAST</b>.\n```');
  });

  it('reads DDI markers only when asked', () => {
    const ddi =
      '# GzOpen function\n\n## -description\n\nOpens.\n\n## -parameters\n\n### -param Gizmo [in]\n\nThe gizmo.\n\n## -remarks\n\nMind it.';
    expect(split(ddi, true).sections.map((s) => [s.headingPath.join(' > '), s.anchor, s.text])).toEqual([
      ['', '', 'Opens.'],
      ['Parameters > Gizmo [in]', 'parameters', 'The gizmo.'],
      ['Remarks', 'remarks', 'Mind it.'],
    ]);
    expect(split(ddi, false).sections.map((s) => s.heading)).toContain('-param Gizmo [in]');
  });
});
