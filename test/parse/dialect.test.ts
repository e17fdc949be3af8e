import { describe, expect, it } from 'vitest';
import { labelAlerts } from '../../indexer/parse/alerts.ts';
import { rewriteDirectives } from '../../indexer/parse/directives.ts';
import { inlineIncludes, MAX_INCLUDE_DEPTH } from '../../indexer/parse/includes.ts';
import { MarkdownTextWriter } from '../../indexer/parse/markdown-text.ts';
import { parseMarkdown } from '../../indexer/parse/markdown.ts';

function textOf(markdown: string): string {
  const writer = new MarkdownTextWriter();
  writer.blocks(labelAlerts(parseMarkdown(markdown)).children);
  return writer.finish().text;
}

describe('inlineIncludes', () => {
  const files: Record<string, string> = {
    'windows-driver-docs-pr/includes/note.md': '---\ntitle: Note\n---\n\nShared note. See [setup](../setup/start.md).\n',
    'windows-driver-docs-pr/includes/outer.md': 'Outer text.\n\n[!INCLUDE[inner](inner/deep.md)]\n',
    'windows-driver-docs-pr/includes/inner/deep.md': 'Deep text with [a link](../../tools/tool.md).\n',
    'windows-driver-docs-pr/includes/loop-a.md': 'A.\n\n[!include[b](loop-b.md)]\n',
    'windows-driver-docs-pr/includes/loop-b.md': 'B.\n\n[!include[a](loop-a.md)]\n',
  };
  const readFile = (path: string) => files[path];
  const page = 'windows-driver-docs-pr/kernel/page.md';

  it('replaces the include line with the include body, without its front matter', () => {
    const out = inlineIncludes('Before.\n\n[!INCLUDE[note](../includes/note.md)]\n\nAfter.', page, readFile);
    expect(out).toContain('Shared note.');
    expect(out).not.toContain('title: Note');
    expect(out).not.toContain('[!INCLUDE');
    expect(out.indexOf('Before.')).toBeLessThan(out.indexOf('Shared note.'));
    expect(out.indexOf('Shared note.')).toBeLessThan(out.indexOf('After.'));
  });

  it('accepts the "[!INCLUDE [label](path)]" spelling and any case', () => {
    expect(inlineIncludes('[!include [note](../includes/note.md)]', page, readFile)).toContain('Shared note.');
  });

  it('rewrites relative links so they stay correct from the including page', () => {
    expect(inlineIncludes('[!INCLUDE[note](../includes/note.md)]', page, readFile)).toContain('](../setup/start.md)');
    const fromRoot = inlineIncludes('[!INCLUDE[note](includes/note.md)]', 'windows-driver-docs-pr/root-page.md', readFile);
    expect(fromRoot).toContain('](setup/start.md)');
  });

  it('inlines nested includes relative to the include that names them', () => {
    const out = inlineIncludes('[!INCLUDE[outer](../includes/outer.md)]', page, readFile);
    expect(out).toContain('Outer text.');
    expect(out).toContain('Deep text');
    expect(out).toContain('](../tools/tool.md)');
  });

  it('drops missing includes and stops cycles', () => {
    expect(inlineIncludes('Kept.\n[!INCLUDE[x](../includes/missing.md)]', page, readFile)).toBe('Kept.\n');
    const out = inlineIncludes('[!INCLUDE[a](../includes/loop-a.md)]', page, readFile);
    expect(out.match(/A\./g)).toHaveLength(1);
    expect(out.match(/B\./g)).toHaveLength(1);
  });

  it('stops at the depth limit', () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 10; i++) chain[`windows-driver-docs-pr/includes/c${i}.md`] = `Level ${i}.\n\n[!INCLUDE[next](c${i + 1}.md)]`;
    const out = inlineIncludes('[!INCLUDE[c0](../includes/c0.md)]', page, (p) => chain[p]);
    expect(out).toContain(`Level ${MAX_INCLUDE_DEPTH - 1}.`);
    expect(out).not.toContain(`Level ${MAX_INCLUDE_DEPTH}.`);
  });

  it('leaves include syntax inside fenced code alone', () => {
    const markdown = '```md\n[!INCLUDE[note](../includes/note.md)]\n```';
    expect(inlineIncludes(markdown, page, readFile)).toBe(markdown);
  });
});

describe('rewriteDirectives', () => {
  it('drops a standalone image and keeps an inline image as its alt text', () => {
    const out = rewriteDirectives(
      'Intro.\n\n:::image type="content" source="a.png" alt-text="Big diagram.":::\n\n|:::image type="content" source="b.png" alt-text="Save button.":::|Saves.|',
    );
    expect(out).not.toContain('Big diagram');
    expect(out).toContain('|[Image: Save button.]|Saves.|');
  });

  it('drops the long description of a complex image', () => {
    const out = rewriteDirectives(
      ':::image type="complex" source="c.png" alt-text="Flow.":::\nA long description of arrows.\n:::image-end:::\nAfter.',
    );
    expect(out).toBe('After.');
  });

  it('replaces no-loc with its text and strips other directive lines', () => {
    expect(rewriteDirectives('Run :::no-loc text="gizmo.exe"::: now.')).toBe('Run gizmo.exe now.');
    expect(rewriteDirectives(':::zone target="docs":::\nInside.\n:::zone-end:::')).toBe('Inside.');
  });

  it('drops a video embed, quoted or not, and keeps the text around it', () => {
    expect(rewriteDirectives('Before.\n\n> [!VIDEO https://example.test/player?id=1]\n\nAfter.')).toBe('Before.\n\n\nAfter.');
    expect(rewriteDirectives('[!VIDEO 0a1b2c]\nAfter.')).toBe('After.');
    expect(rewriteDirectives('Say [!VIDEO x] inline.')).toBe('Say [!VIDEO x] inline.');
  });

  it('leaves ":::" in code alone', () => {
    const markdown = '```dtrace\nsyscall:::entry\n:::image type="content" source="x.png" alt-text="X":::\n```';
    expect(rewriteDirectives(markdown)).toBe(markdown);
  });
});

describe('alerts', () => {
  it.each([
    ['NOTE', 'Note:'],
    ['IMPORTANT', 'Important:'],
    ['TIP', 'Tip:'],
    ['WARNING', 'Warning:'],
    ['CAUTION', 'Caution:'],
  ])('turns > [!%s] into text starting with "%s"', (marker, label) => {
    expect(textOf(`> [!${marker}]\n> Mind the gizmo.`)).toBe(`${label} Mind the gizmo.`);
  });

  it('keeps the label on the first line even when a blank quote line follows the marker', () => {
    expect(textOf('>[!Note]\n>\n> First.\n>\n> Second.')).toBe('Note: First.\n\nSecond.');
  });

  it('leaves ordinary blockquotes and bracketed text alone', () => {
    expect(textOf('> Quoted [!x] text.')).toBe('Quoted [!x] text.');
  });
});

describe('alert markers without a blockquote', () => {
  it('are labelled by the tree transform, not by the writer', () => {
    const unlabelled = new MarkdownTextWriter();
    unlabelled.blocks(parseMarkdown('> [!TIP]\n> Mind the gizmo.').children);
    expect(unlabelled.finish().text).toBe('[!TIP] Mind the gizmo.');
  });

  it('labels a paragraph or table cell that starts with a marker', () => {
    expect(textOf('[!NOTE]\n\nThe gizmo may be renamed.')).toBe('Note: The gizmo may be renamed.');
    expect(textOf('| Rule set | Notes |\n|---|---|\n| Gizmo | [!Tip] Run it twice. |')).toBe(
      'Rule set | Notes\nGizmo | Tip: Run it twice.',
    );
  });
});
