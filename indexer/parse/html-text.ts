// Raw HTML (DDI pages are full of it) → readable text in a TextBuilder. The writer is
// stateful across writes because remark hands over HTML in pieces: "<b>", then the text as a
// markdown node, then "</b>"; or a <table> opened in one block and closed several blocks later.

import { Parser } from 'htmlparser2';
import { TextBuilder, type RawLink } from './text-builder.ts';

const PARAGRAPH_TAGS = new Set([
  'p',
  'div',
  'table',
  'ul',
  'ol',
  'dl',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'caption',
  'center',
  'hr',
  'details',
  'summary',
  'main',
  'aside',
  'nav',
  'address',
]);
const LINE_TAGS = new Set(['tr', 'dt', 'dd']);
const CELL_TAGS = new Set(['td', 'th']);
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object', 'svg']);
/** Everything else that is HTML; any other "<Name>" is text that only looks like a tag (C++ templates). */
const INLINE_TAGS = new Set([
  'a',
  'b',
  'i',
  'u',
  'em',
  'strong',
  'code',
  'span',
  'sup',
  'sub',
  'font',
  'small',
  'big',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'kbd',
  'var',
  'samp',
  'tt',
  'abbr',
  'acronym',
  'cite',
  'q',
  'dfn',
  'nobr',
  'wbr',
  'time',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'col',
  'img',
  'input',
  'label',
  'button',
  'select',
  'option',
  'textarea',
  'video',
  'audio',
  'source',
  'picture',
  'embed',
  'param',
  'area',
  'map',
  'meta',
  'link',
  'html',
  'body',
  'br',
  'li',
  'pre',
  'bdi',
  'bdo',
  'data',
  'output',
  'progress',
  'meter',
  'form',
  'fieldset',
  'legend',
  'ruby',
  'rt',
  'rp',
]);

export class HtmlTextWriter {
  private parser: Parser | undefined;
  private skipDepth = 0;
  private preDepth = 0;
  private preText = '';
  /** Cells seen so far in each open table row (nested tables stack). */
  private readonly rowCells: number[] = [];
  private cellDepth = 0;
  private readonly lists: Array<{ ordered: boolean; count: number }> = [];
  private openItems = 0;
  /** One entry per open <a>: whether it is a link (has href) rather than a named anchor. */
  private readonly anchors: boolean[] = [];

  constructor(private readonly out: TextBuilder) {}

  write(html: string): void {
    (this.parser ??= this.createParser()).write(html);
  }

  /** Closes whatever the HTML left open, so nothing leaks past the section. */
  finish(): void {
    if (this.parser === undefined) return;
    this.parser.end();
    this.parser = undefined;
    while (this.cellDepth > 0) this.closeCell();
    while (this.openItems > 0) this.closeItem();
    while (this.anchors.length > 0) this.closeAnchor();
    if (this.preDepth > 0) this.out.codeBlock(this.preText);
    this.preDepth = 0;
    this.preText = '';
    this.skipDepth = 0;
  }

  private createParser(): Parser {
    return new Parser(
      {
        onopentag: (name, attributes) => this.open(name, attributes),
        onclosetag: (name, isImplied) => this.close(name, isImplied),
        ontext: (text) => this.onText(text),
      },
      // Original case is kept so that a "<IModelObject>" in prose can be given back verbatim.
      { decodeEntities: true, lowerCaseTags: false, lowerCaseAttributeNames: true },
    );
  }

  private onText(text: string): void {
    if (this.skipDepth > 0) return;
    if (this.preDepth > 0) this.preText += text;
    else this.out.text(text);
  }

  private open(rawName: string, attributes: Record<string, string>): void {
    const name = rawName.toLowerCase();
    if (SKIPPED_TAGS.has(name)) {
      this.skipDepth++;
      return;
    }
    if (this.skipDepth > 0) return;
    if (this.preDepth > 0) {
      if (name === 'pre') this.preDepth++;
      else if (name === 'br') this.preText += '\n';
      return;
    }
    if (PARAGRAPH_TAGS.has(name)) {
      this.out.paragraphBreak();
      if (name === 'ul' || name === 'ol') this.lists.push({ ordered: name === 'ol', count: 0 });
      return;
    }
    if (LINE_TAGS.has(name)) {
      this.out.lineBreak();
      if (name === 'tr') this.rowCells.push(0);
      return;
    }
    if (CELL_TAGS.has(name)) {
      this.openCell();
      return;
    }
    switch (name) {
      case 'br':
        this.out.lineBreak();
        return;
      case 'li': {
        const list = this.lists[this.lists.length - 1];
        const marker = list?.ordered ? `${++list.count}. ` : '- ';
        this.out.marker(marker);
        this.out.pushIndent(' '.repeat(marker.length));
        this.openItems++;
        return;
      }
      case 'pre':
        this.preDepth = 1;
        this.preText = '';
        return;
      case 'a': {
        const href = attributes['href'];
        this.anchors.push(href !== undefined);
        if (href !== undefined) this.out.beginLink(href);
        return;
      }
    }
    if (!INLINE_TAGS.has(name)) this.out.text(`<${rawName}>`);
  }

  private close(rawName: string, isImplied: boolean): void {
    const name = rawName.toLowerCase();
    if (SKIPPED_TAGS.has(name)) {
      if (this.skipDepth > 0) this.skipDepth--;
      return;
    }
    if (this.skipDepth > 0) return;
    if (this.preDepth > 0) {
      if (name === 'pre' && --this.preDepth === 0) {
        this.out.codeBlock(this.preText);
        this.preText = '';
      }
      return;
    }
    if (PARAGRAPH_TAGS.has(name)) {
      if (name === 'ul' || name === 'ol') this.lists.pop();
      this.out.paragraphBreak();
      return;
    }
    if (LINE_TAGS.has(name)) {
      if (name === 'tr') this.rowCells.pop();
      this.out.lineBreak();
      return;
    }
    if (CELL_TAGS.has(name)) {
      if (this.cellDepth > 0) this.closeCell();
      return;
    }
    switch (name) {
      case 'li':
        if (this.openItems > 0) this.closeItem();
        return;
      case 'a':
        this.closeAnchor();
        return;
    }
    if (!INLINE_TAGS.has(name) && !isImplied) this.out.text(`</${rawName}>`);
  }

  private openCell(): void {
    const row = this.rowCells.length - 1;
    if (row >= 0) {
      if ((this.rowCells[row] ?? 0) > 0) this.out.separator(' | ');
      this.rowCells[row] = (this.rowCells[row] ?? 0) + 1;
    }
    this.out.enterInline();
    this.cellDepth++;
  }

  private closeCell(): void {
    this.cellDepth--;
    this.out.exitInline();
  }

  private closeItem(): void {
    this.openItems--;
    this.out.popIndent();
    this.out.lineBreak();
  }

  private closeAnchor(): void {
    if (this.anchors.pop() === true) this.out.endLink();
  }
}

/** Readable text and links of a self-contained HTML fragment. */
export function htmlToText(html: string): { text: string; links: RawLink[] } {
  const out = new TextBuilder();
  const writer = new HtmlTextWriter(out);
  writer.write(html);
  writer.finish();
  return { text: out.toString(), links: out.links };
}
