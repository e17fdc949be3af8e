// The "Related pages" of an answer: first the pages the quoted sections themselves link to
// (what the docs send a reader on to from that very text, "see IoGetTopLevelIrp"), then the
// next pages the search found.
import type { PageRecord } from '../../indexer/page-record.ts';

/** At most this many of the related pages come from the quoted sections' links. */
const maxLinked = 3;

export interface QuotedSection {
  page: PageRecord;
  /** The pages the section links to (URLs without anchors), in the order first linked. */
  links: readonly string[];
}

/**
 * Related pages, none of them a page already quoted. Linked pages that the search also found
 * come first (the docs and the question agree on them), then the others in the order linked.
 */
export function relatedPages(
  quoted: readonly QuotedSection[],
  pageByUrl: (url: string) => PageRecord | undefined,
  searched: readonly PageRecord[],
  limit: number,
): PageRecord[] {
  const quotedPaths = new Set(quoted.map((section) => section.page.path));
  const searchedPaths = new Set(searched.map((page) => page.path));
  const linked: PageRecord[] = [];
  for (const section of quoted) {
    for (const url of section.links) {
      const page = pageByUrl(url);
      if (page && !quotedPaths.has(page.path) && !linked.some((other) => other.path === page.path)) linked.push(page);
    }
  }
  const agreed = linked.filter((page) => searchedPaths.has(page.path));
  const chosen = [...agreed, ...linked.filter((page) => !searchedPaths.has(page.path))].slice(0, maxLinked);
  const related = [...chosen];
  for (const page of searched) {
    if (related.length >= limit) break;
    if (!quotedPaths.has(page.path) && !related.some((other) => other.path === page.path)) related.push(page);
  }
  return related.slice(0, limit);
}
