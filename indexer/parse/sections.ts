// Splits a parsed page into sections at every heading. The first H1 is the page title, not a
// section; text before the first other heading is the lead (heading "", anchor ""). On DDI
// pages the "-description" section is the lead and marker headings get readable names.

import type { Heading, Root } from 'mdast';
import { resolveLink, type Redirects } from '../../corpus/urls.ts';
import type { ResolvedLink, Section } from '../model.ts';
import { AnchorAllocator, explicitAnchor, headingIdText, headingSlug } from './anchors.ts';
import { ddiHeading } from './ddi-sections.ts';
import { collectDefinitions, MarkdownTextWriter, type Definitions, type MarkdownTextOptions } from './markdown-text.ts';
import type { RawLink } from './text-builder.ts';

export interface SectionSplitOptions {
  /** Repository-relative path of the page, for resolving relative links. */
  pagePath: string;
  redirects: Redirects;
  /**
   * API reference page conventions: "## -parameters"-style marker headings, and HTML prose
   * that ended up indented like code. Pass the markdown the tree was parsed from.
   */
  apiReference?: { markdown: string };
}

export interface SplitPage {
  /** Text of the page's H1, if it has one. */
  h1?: string;
  sections: Section[];
}

interface OpenHeading {
  level: number;
  heading: string;
  anchor: string;
}

interface SectionDraft {
  heading: string;
  headingPath: string[];
  anchor: string;
  level: number;
  writer: MarkdownTextWriter;
  headingLinks: RawLink[];
}

export function splitSections(root: Root, options: SectionSplitOptions): SplitPage {
  const definitions = collectDefinitions(root.children);
  const anchors = new AnchorAllocator();
  const writerOptions: MarkdownTextOptions = { definitions };
  if (options.apiReference !== undefined) writerOptions.indentedHtmlIsProseIn = options.apiReference.markdown;
  const lead: SectionDraft = draft('', [], '', 0, writerOptions, []);
  const drafts: SectionDraft[] = [];
  const open: OpenHeading[] = [];
  let current = lead;
  let h1: string | undefined;
  let seenSubheading = false;

  for (const node of root.children) {
    if (node.type !== 'heading') {
      current.writer.block(node);
      continue;
    }
    const { text, links } = headingText(node, definitions);
    if (node.depth === 1 && h1 === undefined && !seenSubheading) {
      h1 = text;
      continue;
    }
    // Older pages open with "## <span id=...></span>" headings that have no text: they only
    // carry legacy ids, and their content belongs to the section they sit in (usually the lead).
    if (text === '') continue;
    seenSubheading = true;
    const marker = options.apiReference !== undefined ? ddiHeading(text) : undefined;
    if (marker?.role === 'lead') {
      current = lead;
      continue;
    }
    while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= node.depth) open.pop();
    const heading = marker?.heading ?? text;
    let anchor: string;
    if (marker?.role === 'member') anchor = open[open.length - 1]?.anchor ?? marker.fallbackAnchor ?? '';
    else if (marker !== undefined) anchor = anchors.take(headingSlug(heading));
    else {
      // The heading keeps its generated id even when an explicit one is written into it, and
      // that id counts towards the "-1", "-2" numbering of later duplicates.
      const generated = anchors.take(headingSlug(headingIdText(node)));
      anchor = explicitAnchor(node) ?? generated;
    }
    const headingPath = [...open.map((h) => h.heading), heading];
    open.push({ level: node.depth, heading, anchor });
    current = draft(heading, headingPath, anchor, node.depth, writerOptions, links);
    drafts.push(current);
  }

  const sections: Section[] = [];
  for (const section of [lead, ...drafts]) {
    const finished = finishSection(section, options);
    if (finished !== undefined) sections.push(finished);
  }
  return h1 === undefined ? { sections } : { h1, sections };
}

function draft(
  heading: string,
  headingPath: string[],
  anchor: string,
  level: number,
  writerOptions: MarkdownTextOptions,
  headingLinks: RawLink[],
): SectionDraft {
  return { heading, headingPath, anchor, level, writer: new MarkdownTextWriter(writerOptions), headingLinks };
}

function headingText(node: Heading, definitions: Definitions): { text: string; links: RawLink[] } {
  // Plain-text headings (most of them) skip the writer.
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === 'text') return { text: only.value.replace(/\s+/g, ' ').trim(), links: [] };
  const writer = new MarkdownTextWriter({ definitions });
  writer.out.enterInline();
  writer.phrasing(node.children);
  const { text, links } = writer.finish();
  return { text: text.trim(), links };
}

/** Sections without text are dropped: their headings live on in their subsections' paths. */
function finishSection(draft: SectionDraft, options: SectionSplitOptions): Section | undefined {
  const { text, links } = draft.writer.finish();
  if (text === '') return undefined;
  return {
    heading: draft.heading,
    headingPath: draft.headingPath,
    anchor: draft.anchor,
    level: draft.level,
    text,
    links: resolveLinks([...draft.headingLinks, ...links], options),
  };
}

function resolveLinks(raw: readonly RawLink[], options: SectionSplitOptions): ResolvedLink[] {
  const resolved: ResolvedLink[] = [];
  const seen = new Set<string>();
  for (const link of raw) {
    const url = resolveLink(link.href, options.pagePath, options.redirects);
    if (url === undefined) continue;
    const key = link.text + '\u0000' + url;
    if (seen.has(key)) continue;
    seen.add(key);
    resolved.push({ text: link.text, url });
  }
  return resolved;
}
