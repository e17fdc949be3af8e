import { beforeAll, describe, expect, it } from 'vitest';
import { buildTocData, buildTocIndex, createTocIndex, type TocIndex } from '../../indexer/parse/toc.ts';
import { fixtureCorpusDir } from './fixture-corpus.ts';

let toc: TocIndex;
beforeAll(() => {
  toc = buildTocIndex(fixtureCorpusDir);
});

describe('conceptual areas', () => {
  it('uses the first folder as id and the top-level toc entry name as name', () => {
    expect(toc.area('windows-driver-docs-pr/widgets/widget-basics.md')).toEqual({ id: 'widgets', name: 'Widget Driver Design Guide' });
    expect(toc.area('windows-driver-docs-pr/gadgets/index.md')).toEqual({ id: 'gadgets', name: 'Gadget bus drivers' });
  });

  it('puts root pages in the general area', () => {
    expect(toc.area('windows-driver-docs-pr/whats-new-widgets.md').id).toBe('general');
  });
});

describe('breadcrumbs', () => {
  it('lists the toc entries above a page, starting from the top-level toc', () => {
    expect(toc.breadcrumb('windows-driver-docs-pr/widgets/widget-queues.md')).toEqual([
      'Widget Driver Design Guide',
      'Widget fundamentals',
      'Queues',
    ]);
    expect(toc.breadcrumb('windows-driver-docs-pr/widgets/widget-basics.md')).toEqual([
      'Widget Driver Design Guide',
      'Widget fundamentals',
    ]);
  });

  it('does not repeat the area name for the landing page', () => {
    expect(toc.breadcrumb('windows-driver-docs-pr/widgets/index.md')).toEqual(['Widget Driver Design Guide']);
  });

  it('places a page linked from another folder toc under its own folder when listed there', () => {
    // gadgets/toc.yml is malformed, so the widgets toc's "../gadgets" entry is all we have.
    expect(toc.breadcrumb('windows-driver-docs-pr/gadgets/gadget-interop.md')).toEqual(['Widget Driver Design Guide']);
    expect(toc.breadcrumb('windows-driver-docs-pr/gadgets/index.md')).toEqual(['Driver Technologies']);
  });

  it('gives unlisted pages the breadcrumb of their folder', () => {
    expect(toc.breadcrumb('windows-driver-docs-pr/widgets/unlisted-page.md')).toEqual(['Widget Driver Design Guide']);
  });
});

describe('API areas', () => {
  it('lowercases tech.root and names the area after its technology overview', () => {
    expect(toc.area('wdk-ddi-src/content/widgetio/nf-widgetio-x.md', 'Widgets')).toEqual({ id: 'widgets', name: 'Widget devices' });
  });

  it('falls back to the header index tech.root, then the header folder', () => {
    expect(toc.area('wdk-ddi-src/content/widgetio/nf-widgetio-x.md', '')).toEqual({ id: 'widgets', name: 'Widget devices' });
    expect(toc.area('wdk-ddi-src/content/otherhdr/nf-otherhdr-x.md')).toEqual({ id: 'otherhdr', name: 'otherhdr' });
    expect(toc.area('wdk-ddi-src/content/_widgets/index.md')).toEqual({ id: 'widgets', name: 'Widget devices' });
  });

  it('cleans stray text from tech.root', () => {
    expect(toc.area('wdk-ddi-src/content/widgetio/x.md', ' widgets (widgetio.h)').id).toBe('widgets');
    expect(toc.area('wdk-ddi-src/content/widgetio/x.md', 'This sentence is not an id.').id).toBe('widgets');
  });

  it('gives API pages area and header breadcrumbs', () => {
    expect(toc.breadcrumb('wdk-ddi-src/content/widgetio/nf-widgetio-x.md', 'widgets')).toEqual(['Widget devices', 'Widgetio.h header']);
    expect(toc.breadcrumb('wdk-ddi-src/content/widgetio/index.md', 'widgets')).toEqual(['Widget devices']);
  });
});

describe('TocData', () => {
  it('survives structured cloning, so worker threads can receive it', () => {
    const cloned = createTocIndex(structuredClone(buildTocData(fixtureCorpusDir)));
    expect(cloned.breadcrumb('windows-driver-docs-pr/widgets/widget-queues.md')).toEqual(
      toc.breadcrumb('windows-driver-docs-pr/widgets/widget-queues.md'),
    );
  });

  it('is empty, not an error, for a missing corpus', () => {
    const empty = buildTocIndex('/nonexistent/corpus');
    expect(empty.breadcrumb('windows-driver-docs-pr/kernel/x.md')).toEqual([]);
    expect(empty.area('windows-driver-docs-pr/kernel/x.md')).toEqual({ id: 'kernel', name: 'kernel' });
  });
});
