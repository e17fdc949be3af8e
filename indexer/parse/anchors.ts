// The fragment ids learn.microsoft.com gives headings, so citations can deep-link.

import type { Heading, PhrasingContent } from 'mdast';

/** `<a name="x">`, `<a id="x">` or `<span id="x">` written into a heading. */
const EXPLICIT_ANCHOR = /<(?:a|span)\s[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["']/i;

/**
 * GitHub-style id, as learn's markdown engine (Markdig's GFM identifiers) makes it:
 * lowercase, keep letters, digits, "_" and "-", each space becomes "-", drop the rest.
 * Not trimmed: a heading whose text starts with a space after an HTML anchor gets an id
 * starting with "-", and links in the docs use exactly that.
 */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * The heading's text as the id generator sees it: inline HTML left out, image alt text kept
 * (links to "## ![icon](x.png) Step 3" include the icon's alt text), inner spacing kept.
 */
export function headingIdText(heading: Heading): string {
  let text = '';
  const visit = (nodes: readonly PhrasingContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
      else if (node.type === 'image') text += node.alt ?? '';
      else if ('children' in node) visit(node.children as PhrasingContent[]);
    }
  };
  visit(heading.children);
  return text.trimEnd();
}

/** An id written into the heading itself (`## <a name="x"></a>Title`), which is what links use. */
export function explicitAnchor(heading: Heading): string | undefined {
  for (const child of heading.children) {
    if (child.type !== 'html') continue;
    const id = EXPLICIT_ANCHOR.exec(child.value)?.[1]?.trim();
    if (id) return id;
  }
  return undefined;
}

/** Hands out ids unique within a page: the second "Remarks" becomes "remarks-1", then "remarks-2". */
export class AnchorAllocator {
  private readonly used = new Set<string>();

  take(base: string): string {
    if (base === '') return '';
    let anchor = base;
    for (let n = 1; this.used.has(anchor); n++) anchor = `${base}-${n}`;
    this.used.add(anchor);
    return anchor;
  }
}
