// Related pages: the quoted sections' links first (those the search also found before the
// others, at most three), then the search's next pages; never a quoted page, never twice.
import { describe, expect, it } from 'vitest';
import { relatedPages } from '../../bot/answer/related-pages.ts';
import type { PageRecord } from '../../indexer/page-record.ts';

const LEARN = 'https://learn.microsoft.com/windows-hardware/drivers/gizmo';
const page = (name: string) => ({ path: `gizmo/${name}.md`, url: `${LEARN}/${name}`, title: name }) as PageRecord;
const pages = Object.fromEntries(
  ['quoted', 'spin', 'stop', 'reset', 'wake', 'sleep', 'found1', 'found2'].map((name) => [name, page(name)]),
);
const byUrl = (url: string) => Object.values(pages).find((candidate) => candidate.url === url);
const link = (name: string) => `${LEARN}/${name}`;

describe('relatedPages', () => {
  it('puts linked pages the search also found first, caps the linked ones, then fills from the search', () => {
    const related = relatedPages(
      [{ page: pages.quoted!, links: [link('spin'), link('stop'), link('quoted'), link('reset'), link('wake'), `${LEARN}/not-a-page`] }],
      byUrl,
      [pages.quoted!, pages.found1!, pages.reset!, pages.found2!, pages.sleep!],
      5,
    );
    expect(related.map((p) => p.title)).toEqual(['reset', 'spin', 'stop', 'found1', 'found2']);
  });

  it('is the search order alone when the quoted sections link nowhere', () => {
    const related = relatedPages([{ page: pages.quoted!, links: [] }], byUrl, [pages.quoted!, pages.found1!, pages.found2!], 5);
    expect(related.map((p) => p.title)).toEqual(['found1', 'found2']);
  });
});
