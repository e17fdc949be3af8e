// How each mdast node type is written as readable text: one handler per type, looked up by
// the writer (markdown-text.ts), as mdast-util-to-markdown does. Types without a handler
// (image, imageReference, definition, footnotes, yaml) have nothing readable to keep.

import type { Code, Nodes, Parents } from 'mdast';
import type { TextBuilder } from './text-builder.ts';

/** What a handler may use of the writer. */
export interface WriterContext {
  readonly out: TextBuilder;
  /** Writes a node through its handler. */
  node(node: Nodes): void;
  children(node: Parents): void;
  /** The break between blocks: a line inside a tight list, a blank line elsewhere. */
  blockBreak(): void;
  /** Raw HTML, through the one HTML writer of the text so tags split across nodes pair up. */
  html(value: string): void;
  /** URL of a link reference's definition, if the page defines it. */
  definitionUrl(label: string | null | undefined, identifier: string): string | undefined;
  /** Whether an unfenced code block is indented HTML prose (API reference pages). */
  isIndentedHtmlProse(node: Code): boolean;
  /** Per enclosing list: whether it is tight (its item paragraphs are single lines). */
  readonly listTightness: boolean[];
}

type Handler<T extends Nodes> = (context: WriterContext, node: T) => void;
export type Handlers = { [Type in Nodes['type']]?: Handler<Extract<Nodes, { type: Type }>> };

const writeChildren = (context: WriterContext, node: Parents): void => context.children(node);

function writeLink(context: WriterContext, url: string, node: Parents): void {
  context.out.beginLink(url);
  context.children(node);
  context.out.endLink();
}

export const handlers: Handlers = {
  root: writeChildren,
  text: ({ out }, node) => out.text(node.value),
  emphasis: writeChildren,
  strong: writeChildren,
  delete: writeChildren,
  listItem: writeChildren,
  inlineCode: ({ out }, node) => out.text(node.value),
  break: ({ out }) => out.lineBreak(),
  thematicBreak: ({ out }) => out.paragraphBreak(),
  html: (context, node) => context.html(node.value),

  paragraph(context, node) {
    context.blockBreak();
    if (node.data?.alertLabel !== undefined) context.out.marker(node.data.alertLabel + ' ');
    context.children(node);
    context.blockBreak();
  },

  tableCell(context, node) {
    if (node.data?.alertLabel !== undefined) context.out.text(node.data.alertLabel + ' ');
    context.children(node);
  },

  link: (context, node) => writeLink(context, node.url, node),

  linkReference(context, node) {
    const url = context.definitionUrl(node.label, node.identifier);
    if (url === undefined) context.children(node);
    else writeLink(context, url, node);
  },

  heading(context, node) {
    // Headings reach here only when nested in lists or quotes; top-level ones start sections.
    context.out.paragraphBreak();
    context.children(node);
    context.out.paragraphBreak();
  },

  blockquote(context, node) {
    context.out.paragraphBreak();
    if (node.data?.alertLabel !== undefined) context.out.marker(node.data.alertLabel + ' ');
    context.children(node);
    context.out.paragraphBreak();
  },

  list(context, node) {
    const { out } = context;
    context.blockBreak();
    let number = node.start ?? 1;
    context.listTightness.push(node.spread !== true);
    for (const item of node.children) {
      const marker = node.ordered ? `${number++}. ` : '- ';
      out.marker(marker);
      out.pushIndent(' '.repeat(marker.length));
      context.children(item);
      out.popIndent();
      out.lineBreak();
    }
    context.listTightness.pop();
    context.blockBreak();
  },

  code(context, node) {
    if (context.isIndentedHtmlProse(node)) {
      context.out.paragraphBreak();
      context.html(node.value);
      context.out.paragraphBreak();
    } else context.out.codeBlock(node.value, node.lang ?? '');
  },

  table(context, node) {
    const { out } = context;
    out.paragraphBreak();
    for (const row of node.children) {
      out.lineBreak();
      row.children.forEach((cell, index) => {
        if (index > 0) out.separator(' | ');
        out.enterInline();
        context.node(cell);
        out.exitInline();
      });
      out.lineBreak();
    }
    out.paragraphBreak();
  },
};
