// mdast → readable text: paragraphs separated by blank lines, "- item" / "1. item" lists,
// tables as "cell | cell" rows, code blocks fenced, links as their text (recorded for
// resolution), images dropped. Raw HTML nodes go through one stateful HtmlTextWriter so
// tags split across nodes pair up.

import type { Code, Definition, Nodes, Parents, PhrasingContent, RootContent } from 'mdast';
import { takeAlertLabel, takeLeadingAlertLabel } from './alerts.ts';
import { HtmlTextWriter } from './html-text.ts';
import { TextBuilder, type RawLink } from './text-builder.ts';

/** Link reference definitions of a page, by normalized label. */
export type Definitions = ReadonlyMap<string, string>;

export function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function collectDefinitions(nodes: readonly RootContent[]): Definitions {
  const definitions = new Map<string, string>();
  for (const node of nodes) {
    if (node.type === 'definition') {
      const key = normalizeLabel((node as Definition).label ?? node.identifier);
      if (!definitions.has(key)) definitions.set(key, node.url);
    }
  }
  return definitions;
}

export interface MarkdownTextOptions {
  definitions?: Definitions;
  /**
   * The parsed markdown, given for API reference pages: there, an indented (unfenced) "code
   * block" holding HTML tags is prose that the generator happened to indent, not code.
   */
  indentedHtmlIsProseIn?: string;
}

const HTML_TAG = /<\/?(?:a|b|i|p|br|dl|dt|dd|ul|ol|li|table|tr|td|th|div|code|em|strong)\b[^>]*>/i;

/** Renders a run of block (or phrasing) nodes into one piece of text. */
export class MarkdownTextWriter {
  readonly out = new TextBuilder();
  private html: HtmlTextWriter | undefined;
  /** Per enclosing list: whether it is tight (its item paragraphs are single lines). */
  private readonly listTightness: boolean[] = [];

  private readonly definitions: Definitions;
  private readonly source: string | undefined;

  constructor(options: MarkdownTextOptions = {}) {
    this.definitions = options.definitions ?? new Map();
    this.source = options.indentedHtmlIsProseIn;
  }

  blocks(nodes: readonly Nodes[]): void {
    for (const node of nodes) this.block(node);
  }

  /** One top-level block of a section. */
  block(node: Nodes): void {
    this.node(node);
    // A block of raw HTML ends where the markdown after it begins.
    if (node.type === 'html') this.out.paragraphBreak();
  }

  phrasing(nodes: readonly PhrasingContent[]): void {
    for (const node of nodes) this.node(node);
  }

  /** Finishes the text; the writer must not be used afterwards. */
  finish(): { text: string; links: RawLink[] } {
    this.html?.finish();
    return { text: this.out.toString(), links: this.out.links };
  }

  private node(node: Nodes): void {
    const out = this.out;
    switch (node.type) {
      case 'text':
        out.text(node.value);
        return;
      case 'paragraph': {
        this.blockBreak();
        const label = takeLeadingAlertLabel(node);
        if (label !== undefined) out.marker(label + ' ');
        this.children(node);
        this.blockBreak();
        return;
      }
      case 'tableCell': {
        const label = takeLeadingAlertLabel(node);
        if (label !== undefined) out.text(label + ' ');
        this.children(node);
        return;
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
        this.children(node);
        return;
      case 'inlineCode':
        out.text(node.value);
        return;
      case 'break':
        out.lineBreak();
        return;
      case 'link':
        out.beginLink(node.url);
        this.children(node);
        out.endLink();
        return;
      case 'linkReference': {
        const url = this.definitions.get(normalizeLabel(node.label ?? node.identifier));
        if (url === undefined) {
          this.children(node);
          return;
        }
        out.beginLink(url);
        this.children(node);
        out.endLink();
        return;
      }
      case 'html':
        this.htmlWriter().write(node.value);
        return;
      case 'heading':
        // Headings reach here only when nested in lists or quotes; top-level ones start sections.
        out.paragraphBreak();
        this.children(node);
        out.paragraphBreak();
        return;
      case 'blockquote': {
        out.paragraphBreak();
        const label = takeAlertLabel(node);
        if (label !== undefined) out.marker(label + ' ');
        this.children(node);
        out.paragraphBreak();
        return;
      }
      case 'list': {
        this.blockBreak();
        let number = node.start ?? 1;
        this.listTightness.push(node.spread !== true);
        for (const item of node.children) {
          const marker = node.ordered ? `${number++}. ` : '- ';
          out.marker(marker);
          out.pushIndent(' '.repeat(marker.length));
          this.children(item);
          out.popIndent();
          out.lineBreak();
        }
        this.listTightness.pop();
        this.blockBreak();
        return;
      }
      case 'listItem':
        this.children(node);
        return;
      case 'code':
        if (this.isIndentedHtmlProse(node)) {
          out.paragraphBreak();
          this.htmlWriter().write(node.value);
          out.paragraphBreak();
        } else out.codeBlock(node.value, node.lang ?? '');
        return;
      case 'table':
        out.paragraphBreak();
        for (const row of node.children) {
          out.lineBreak();
          row.children.forEach((cell, index) => {
            if (index > 0) out.separator(' | ');
            out.enterInline();
            this.node(cell);
            out.exitInline();
          });
          out.lineBreak();
        }
        out.paragraphBreak();
        return;
      case 'thematicBreak':
        out.paragraphBreak();
        return;
      case 'root':
        this.children(node);
        return;
      default:
        // image, imageReference, definition, footnotes, yaml: nothing readable to keep.
        return;
    }
  }

  private htmlWriter(): HtmlTextWriter {
    return (this.html ??= new HtmlTextWriter(this.out));
  }

  private isIndentedHtmlProse(node: Code): boolean {
    if (this.source === undefined || node.lang || !HTML_TAG.test(node.value)) return false;
    const start = node.position?.start.offset;
    const first = start === undefined ? undefined : this.source[start];
    return first !== '`' && first !== '~';
  }

  private children(node: Parents): void {
    const blockContainer = node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem';
    for (const child of node.children) {
      this.node(child as Nodes);
      // A block of raw HTML ends where the markdown after it begins.
      if (blockContainer && child.type === 'html') this.out.paragraphBreak();
    }
  }

  /** Blocks inside a tight list sit on consecutive lines; elsewhere a blank line separates them. */
  private blockBreak(): void {
    if (this.listTightness[this.listTightness.length - 1] === true) this.out.lineBreak();
    else this.out.paragraphBreak();
  }
}
