// mdast → readable text: paragraphs separated by blank lines, "- item" / "1. item" lists,
// tables as "cell | cell" rows, code blocks fenced, links as their text (recorded for
// resolution), images dropped. Each node type has its handler (markdown-handlers.ts); this
// writer holds the state they share. Raw HTML nodes go through one stateful HtmlTextWriter
// so tags split across nodes pair up. Alerts are labelled before writing (alerts.ts).

import type { Code, Definition, Nodes, Parents, PhrasingContent, RootContent } from 'mdast';
import { HtmlTextWriter } from './html-text.ts';
import { handlers, type WriterContext } from './markdown-handlers.ts';
import { TextBuilder, type RawLink } from './text-builder.ts';

/** Link reference definitions of a page, by normalized label. */
export type Definitions = ReadonlyMap<string, string>;

function normalizeLabel(label: string): string {
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
export class MarkdownTextWriter implements WriterContext {
  readonly out = new TextBuilder();
  readonly listTightness: boolean[] = [];
  private htmlText: HtmlTextWriter | undefined;

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
    this.htmlText?.finish();
    return { text: this.out.toString(), links: this.out.links };
  }

  node(node: Nodes): void {
    const handle = handlers[node.type] as ((context: WriterContext, node: Nodes) => void) | undefined;
    handle?.(this, node);
  }

  children(node: Parents): void {
    const blockContainer = node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem';
    for (const child of node.children) {
      this.node(child as Nodes);
      // A block of raw HTML ends where the markdown after it begins.
      if (blockContainer && child.type === 'html') this.out.paragraphBreak();
    }
  }

  blockBreak(): void {
    if (this.listTightness[this.listTightness.length - 1] === true) this.out.lineBreak();
    else this.out.paragraphBreak();
  }

  html(value: string): void {
    (this.htmlText ??= new HtmlTextWriter(this.out)).write(value);
  }

  definitionUrl(label: string | null | undefined, identifier: string): string | undefined {
    return this.definitions.get(normalizeLabel(label ?? identifier));
  }

  isIndentedHtmlProse(node: Code): boolean {
    if (this.source === undefined || node.lang || !HTML_TAG.test(node.value)) return false;
    const start = node.position?.start.offset;
    const first = start === undefined ? undefined : this.source[start];
    return first !== '`' && first !== '~';
  }
}
