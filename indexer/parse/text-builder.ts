// Accumulates a section's readable text from markdown and HTML alike: collapses whitespace,
// separates blocks with blank lines, indents list continuations, keeps table rows on one line,
// and records the links it was given along with the text they cover.

export interface RawLink {
  text: string;
  href: string;
}

export class TextBuilder {
  private out = '';
  /** Newlines owed before the next content: 0, 1 (line) or 2 (paragraph). */
  private pendingBreak = 0;
  private pendingSpace = false;
  /** True where a space would be noise: start of a line, right after a marker or cell separator. */
  private spaceSuppressed = true;
  /** After a list marker or alert label the item's first block continues on the same line. */
  private afterMarker = false;
  /** Inside table cells everything stays on the row's line. */
  private inlineDepth = 0;
  private indent = '';
  private readonly indents: string[] = [];
  private readonly openLinks: Array<{ href: string; start: number }> = [];
  readonly links: RawLink[] = [];

  get inline(): boolean {
    return this.inlineDepth > 0;
  }

  /** Running text: whitespace runs (newlines included) become one space. */
  text(value: string): void {
    if (value === '') return;
    if (!/\s/.test(value)) {
      this.emit(value);
      return;
    }
    if (/^\s/.test(value)) this.pendingSpace = true;
    const collapsed = value.replace(/\s+/g, ' ').trim();
    if (collapsed === '') return;
    this.emit(collapsed);
    if (/\s$/.test(value)) this.pendingSpace = true;
  }

  lineBreak(): void {
    this.requestBreak(1);
  }

  paragraphBreak(): void {
    this.requestBreak(2);
  }

  /** A list marker ("- ", "2. ") or label ("Note: ") that the following block continues. */
  marker(value: string): void {
    if (this.inlineDepth > 0) {
      this.text(value);
      return;
    }
    if (!this.afterMarker) this.requestBreak(1);
    this.pendingSpace = false;
    this.flush();
    this.out += value;
    this.spaceSuppressed = true;
    this.afterMarker = true;
  }

  /** Text between table cells; never preceded by a stray space. */
  separator(value: string): void {
    this.pendingSpace = false;
    this.flush();
    this.out += value;
    this.spaceSuppressed = true;
    this.afterMarker = false;
  }

  /** Code kept verbatim in a fenced block (flattened to running text inside a table cell). */
  codeBlock(code: string, language = ''): void {
    const body = code.replace(/^\n+|\s+$/g, '');
    if (body === '') return;
    if (this.inlineDepth > 0) {
      this.text(body);
      return;
    }
    const longestRun = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    // A fence must open its own line, even as the first block of a list item.
    if (this.afterMarker) {
      this.afterMarker = false;
      this.pendingBreak = 1;
    } else this.requestBreak(2);
    this.pendingSpace = false;
    this.flush();
    const indent = this.indent;
    // Blank code lines stay empty rather than carrying the list indentation as trailing spaces.
    const indented = indent === '' ? body : body.replace(/\n(?=[^\n])/g, '\n' + indent);
    this.out += fence + language + '\n' + indent + indented + '\n' + indent + fence;
    this.spaceSuppressed = false;
    this.afterMarker = false;
    this.paragraphBreak();
  }

  enterInline(): void {
    this.inlineDepth++;
  }

  exitInline(): void {
    if (this.inlineDepth > 0) this.inlineDepth--;
  }

  /** Continuation lines of a list item line up under its text. */
  pushIndent(extra: string): void {
    this.indents.push(this.indent);
    this.indent += extra;
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? '';
  }

  beginLink(href: string): void {
    this.openLinks.push({ href, start: this.out.length });
  }

  endLink(): void {
    const link = this.openLinks.pop();
    if (link === undefined) return;
    const text = this.out.slice(link.start).replace(/\s+/g, ' ').trim();
    if (text !== '') this.links.push({ text, href: link.href });
  }

  toString(): string {
    return this.out;
  }

  private requestBreak(lines: 1 | 2): void {
    if (this.inlineDepth > 0) this.pendingSpace = true;
    else if (!this.afterMarker && lines > this.pendingBreak) this.pendingBreak = lines;
  }

  private emit(value: string): void {
    this.flush();
    this.out += value;
    this.spaceSuppressed = false;
    this.afterMarker = false;
  }

  private flush(): void {
    if (this.out.length === 0) {
      this.pendingBreak = 0;
      this.pendingSpace = false;
      return;
    }
    if (this.pendingBreak > 0) {
      this.out += (this.pendingBreak > 1 ? '\n\n' : '\n') + this.indent;
      this.spaceSuppressed = true;
    } else if (this.pendingSpace && !this.spaceSuppressed) {
      this.out += ' ';
    }
    this.pendingBreak = 0;
    this.pendingSpace = false;
  }
}
