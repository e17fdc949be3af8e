// Sections → chunks of bounded size. A chunk never spans two sections (so its citation
// points at one anchor) and is cut at paragraph, then sentence, boundaries where possible.
import type { ParsedPage, Section } from './model.ts';

export const maxChunkChars = 1200;
/** Sections with less text than this are dropped: only empty ones, as a one-line Remarks section can be the answer. */
const minUsefulChars = 1;

export interface ChunkPiece {
  /** Section path for display, e.g. "Parameters › Irp"; "" for the page lead. */
  section: string;
  anchor: string;
  text: string;
  /** The pages the chunk's section links to (URLs without anchors), in the order first linked. */
  links: string[];
}

const sentenceEnd = /(?<=[.!?])\s+(?=[A-Z0-9"'(\[])/g;

/** Splits text longer than `limit` at the last sentence end before it, else at a space. */
function splitLong(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = -1;
    for (const match of window.matchAll(sentenceEnd)) cut = match.index! + match[0].length;
    if (cut < limit * 0.4) {
      const space = window.lastIndexOf(' ');
      cut = space > limit * 0.4 ? space + 1 : limit;
    }
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Packs paragraphs into pieces of at most `limit` characters. */
export function packParagraphs(text: string, limit = maxChunkChars): string[] {
  // A paragraph keeps its indentation: it is what nests a list under an item above it, or
  // makes a paragraph the continuation of an item.
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trimEnd())
    .filter((p) => p.trim() !== '')
    .flatMap((p) => (p.length > limit ? splitLong(p, limit) : [p]));
  const pieces: string[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    if (current && current.length + 2 + paragraph.length > limit) {
      pieces.push(current);
      current = paragraph;
    } else {
      current = current ? `${current}\n\n${paragraph}` : paragraph;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * "See also" and its kin are lists of other pages' titles: quoting one answers nothing, and
 * indexing it makes a page match every topic it links to.
 */
const linkListHeading = /^(?:see also|related (?:topics|articles|links|content)|additional resources|more information)$/i;

function isLinkListSection(section: Section): boolean {
  return linkListHeading.test((section.headingPath[0] ?? section.heading).trim());
}

function sectionLabel(section: Section): string {
  return section.headingPath.join(' › ');
}

/**
 * Consecutive sections that share an anchor (the "-param X" entries under Parameters, the
 * members of a structure) are one citation target, so they are packed together, each
 * entry led by its own heading; otherwise every short entry would become its own chunk.
 */
function mergeSectionsSharingAnchor(sections: Section[]): SectionGroup[] {
  const merged: SectionGroup[] = [];
  for (const section of sections) {
    if (isLinkListSection(section)) continue;
    const text = section.text.trim();
    if (text.length < minUsefulChars) continue;
    const previous = merged[merged.length - 1];
    const sharesAnchor = previous && section.anchor !== '' && previous.anchor === section.anchor;
    if (sharesAnchor) {
      previous.text += `\n\n${section.heading}: ${text}`;
      addLinks(previous.links, section);
      continue;
    }
    const groupLabel = section.headingPath.length > 1 && section.anchor !== '' ? section.headingPath[0]! : sectionLabel(section);
    const lead = groupLabel !== sectionLabel(section) ? `${section.heading}: ` : '';
    const group: SectionGroup = { label: groupLabel, anchor: section.anchor, text: `${lead}${text}`, links: [] };
    addLinks(group.links, section);
    merged.push(group);
  }
  return merged;
}

interface SectionGroup {
  label: string;
  anchor: string;
  text: string;
  links: string[];
}

/** The pages a section links to, once each, in the order first linked. */
function addLinks(links: string[], section: Section): void {
  for (const link of section.links) {
    const page = link.url.replace(/#.*$/, '');
    if (page !== '' && !links.includes(page)) links.push(page);
  }
}

export function chunkPage(page: ParsedPage): ChunkPiece[] {
  const chunks: ChunkPiece[] = [];
  for (const group of mergeSectionsSharingAnchor(page.sections)) {
    for (const text of packParagraphs(group.text)) chunks.push({ section: group.label, anchor: group.anchor, text, links: group.links });
  }
  // A page with no body text (a stub, a landing page) is still findable by its description.
  if (chunks.length === 0 && page.description) chunks.push({ section: '', anchor: '', text: page.description, links: [] });
  return chunks;
}
