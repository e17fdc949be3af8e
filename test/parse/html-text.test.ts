import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../indexer/parse/html-text.ts';
import { MarkdownTextWriter } from '../../indexer/parse/markdown-text.ts';
import { parseMarkdown } from '../../indexer/parse/markdown.ts';

function render(markdown: string) {
  const writer = new MarkdownTextWriter();
  writer.blocks(parseMarkdown(markdown).children);
  return writer.finish();
}

describe('htmlToText', () => {
  it('drops tags, keeps text and decodes entities', () => {
    expect(htmlToText('<p>Use <b>GzOpen</b> &amp; <i>GzClose</i>&nbsp;&lt;now&gt;.</p>').text).toBe('Use GzOpen & GzClose <now>.');
  });

  it('breaks lines at <br>, <p>, <dt>, <dd> and lists items', () => {
    expect(htmlToText('One<br/>Two<p>Three</p><dl><dt>Term</dt><dd>Meaning</dd></dl>').text).toBe('One\nTwo\n\nThree\n\nTerm\nMeaning');
    expect(htmlToText('<ul><li>a</li><li>b</li></ul><ol><li>x</li><li>y</li></ol>').text).toBe('- a\n- b\n\n1. x\n2. y');
  });

  it('writes table rows on one line with cells separated by " | "', () => {
    const html =
      '<table><tr><th>Code</th><th>Meaning</th></tr><tr><td><dl><dt><b>GZ_OK</b></dt></dl></td><td>It\n worked.</td></tr></table>';
    expect(htmlToText(html).text).toBe('Code | Meaning\nGZ_OK | It worked.');
  });

  it('collects links with their text', () => {
    expect(htmlToText('See <a href="/x/y">the <b>guide</b></a> and <a name="here"></a>more.').links).toEqual([
      { text: 'the guide', href: '/x/y' },
    ]);
  });

  it('skips script, style and comments', () => {
    expect(htmlToText('<style>.a{}</style>Kept<script>var x = 1;</script><!-- hidden --> text').text).toBe('Kept text');
  });

  it('keeps <pre> content verbatim as a code block', () => {
    expect(htmlToText('<pre>int  a;\n  b();</pre>').text).toBe('```\nint  a;\n  b();\n```');
  });

  it('gives back template-like "tags" that are not HTML', () => {
    expect(htmlToText('Holds a ComPtr<IGizmoSink> reference.').text).toBe('Holds a ComPtr<IGizmoSink> reference.');
  });
});

describe('HTML inside markdown', () => {
  it('pairs inline tags that remark splits into separate nodes', () => {
    const { text, links } = render('The <b>GzOpen</b> routine calls <a href="/gz/cb">the callback</a> once.');
    expect(text).toBe('The GzOpen routine calls the callback once.');
    expect(links).toEqual([{ text: 'the callback', href: '/gz/cb' }]);
  });

  it('keeps markdown paragraphs inside an HTML table cell on the row', () => {
    const { text } = render('<table>\n<tr>\n<td>\n<b>GZ_BUSY</b>\n</td>\n<td>\n\nThe gizmo is busy.\n\n</td>\n</tr>\n</table>\n\nAfter.');
    expect(text).toBe('GZ_BUSY | The gizmo is busy.\n\nAfter.');
  });
});
