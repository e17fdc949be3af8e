// The markdown parser every page goes through. Processors are built once per module (and so
// once per worker thread), in variants with and without the GFM extensions, because the
// extensions are costly on every page and only a fraction of pages use them.

import type { Root } from 'mdast';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/** A GFM table cannot exist without a delimiter row ("| --- | :-: |"): a line of only
 *  dashes, colons, pipes and spaces, with at least one pipe and one dash. */
const TABLE_DELIMITER_ROW = /^[ \t>]*(?=[-:| \t]*\|)(?=[-:| \t]*-)[-:| \t]+$/m;

/** Only the GFM parts whose syntax the docs use (full remark-gfm halves parse speed; autolink
 *  literals, footnotes and task lists add nothing to the extracted text). */
function remarkGfmParts(options: { tables: boolean; strikethrough: boolean }) {
  return function (this: Processor): void {
    const data = this.data();
    const micromark = (data.micromarkExtensions ??= []);
    const fromMarkdown = (data.fromMarkdownExtensions ??= []);
    if (options.tables) {
      micromark.push(gfmTable());
      fromMarkdown.push(gfmTableFromMarkdown());
    }
    if (options.strikethrough) {
      // Single "~" is left alone: learn does not treat it as strikethrough.
      micromark.push(gfmStrikethrough({ singleTilde: false }));
      fromMarkdown.push(gfmStrikethroughFromMarkdown());
    }
  };
}

function createProcessor(tables: boolean, strikethrough: boolean) {
  return unified().use(remarkParse).use(remarkGfmParts({ tables, strikethrough })).freeze();
}

const plain = createProcessor(false, false);
const withTables = createProcessor(true, false);
const withStrikethrough = createProcessor(false, true);
const withBoth = createProcessor(true, true);

export function parseMarkdown(markdown: string): Root {
  const tables = TABLE_DELIMITER_ROW.test(markdown);
  const strikethrough = markdown.includes('~~');
  const processor = tables ? (strikethrough ? withBoth : withTables) : strikethrough ? withStrikethrough : plain;
  return processor.parse(markdown);
}
