// Integration: the real-corpus slice index (built once by global setup), and small builds
// over an invented corpus folder for skipped files, damaged index files and staleness.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { search } from '@orama/orama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, type BuildResult } from '../../indexer/build/build-index.ts';
import { listCorpusFiles } from '../../indexer/corpus-files.ts';
import { indexState, loadIndex, openIndex, type LoadedIndex } from '../../indexer/load-index.ts';
import { IndexFileError } from '../../indexer/persist/container.ts';
import { searchChunks, searchPages } from '../../indexer/search.ts';
import { readIndexSettings, type IndexSettings } from '../../indexer/settings.ts';
import { sliceIndexFile } from '../support/slice.ts';

const DRIVERS = 'https://learn.microsoft.com/windows-hardware/drivers';

describe('the real slice index', () => {
  let index: LoadedIndex;
  beforeAll(() => {
    index = openIndex(sliceIndexFile);
  });
  const page = (p: string) => index.pages.find((candidate) => candidate.path === p);

  it('holds the slice: over a thousand pages, more chunks than pages', () => {
    expect(index.meta.pages).toBe(index.pages.length);
    expect(index.pages.length).toBeGreaterThan(1000);
    expect(index.meta.chunks).toBeGreaterThan(index.pages.length);
    expect(new Set(index.pages.map((p) => p.kind))).toEqual(new Set(['concept', 'api']));
  });

  it('knows a conceptual page by its repository path, with its URL and area', () => {
    const kernelStack = page('windows-driver-docs-pr/kernel/using-the-kernel-stack.md');
    expect(kernelStack).toBeDefined();
    expect(kernelStack!.url).toBe(`${DRIVERS}/kernel/using-the-kernel-stack`);
    expect(kernelStack!.areaId).toBe('kernel');
    expect(kernelStack!.kind).toBe('concept');
  });

  it('counts facets for area and page kind over the matching chunks', () => {
    const result = search(index.chunkDb, {
      term: 'spin lock',
      properties: ['title', 'headings', 'meta', 'body'],
      facets: { areaId: {}, kind: {} },
      limit: 5,
    }) as { facets?: Record<string, { values: Record<string, number> }> };
    const kinds = result.facets?.kind?.values ?? {};
    expect(kinds.concept).toBeGreaterThan(0);
    expect(kinds.api).toBeGreaterThan(0);
    expect(result.facets?.areaId?.values.kernel).toBeGreaterThan(0);
  });

  it("keeps an API page's facts from its front matter", () => {
    const api = page('wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md');
    expect(api).toBeDefined();
    expect(api!.kind).toBe('api');
    expect(api!.url).toBe(`${DRIVERS}/ddi/wdm/nf-wdm-ioqueueworkitem`);
    expect(api!.api?.names).toEqual(['IoQueueWorkItem']);
    expect(api!.api?.header).toBe('wdm.h');
    expect(api!.api?.irql).toContain('DISPATCH_LEVEL');
    expect(api!.api?.kind).toBe('function');
  });

  it('gives chunks the anchor of their section', () => {
    // kernel/eprocess.md has a section per structure; other pages link to #rtl_bitmap.
    const eprocess = index.pages.findIndex((p) => p.path === 'windows-driver-docs-pr/kernel/eprocess.md');
    expect(eprocess).toBeGreaterThanOrEqual(0);
    const hits = searchChunks(index, 'RTL_BITMAP', {});
    const hit = hits.find((h) => h.page === eprocess && h.anchor === 'rtl_bitmap');
    expect(hit).toBeDefined();
    expect(hit!.section).toContain('RTL_BITMAP');
  });

  it('finds the API page first for its exact name', () => {
    const results = searchPages(index, 'IoQueueWorkItem', { limit: 3 });
    expect(results[0]!.page.path).toBe('wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md');
  });

  it('skipped no real page of the slice', () => {
    expect(index.skipped).toEqual([]);
  });
});

// An invented corpus folder laid out like the real one.
const goodPage = `---
title: Frobnicating gizmo queues
description: How a gizmo driver frobnicates its queues.
ms.date: 01/02/2024
ms.topic: concept-article
keywords:
- gizmo
---

# Frobnicating gizmo queues

A gizmo driver frobnicates its queue at PASSIVE_LEVEL before it stops.

## Draining the frobnicated queue

Call GzDrainFrobQueue before the driver unloads.
`;

function makeCorpus(): { root: string; pageFile: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'ddb-corpus-'));
  const kernel = path.join(root, 'windows-driver-docs', 'windows-driver-docs-pr', 'kernel');
  mkdirSync(kernel, { recursive: true });
  // Both repositories' content roots exist (the API one empty), so the corpus counts as
  // present and loading never tries to fetch it.
  mkdirSync(path.join(root, 'windows-driver-docs-ddi', 'wdk-ddi-src', 'content'), { recursive: true });
  const pageFile = path.join(kernel, 'frobnicating-gizmo-queues.md');
  writeFileSync(pageFile, goodPage);
  writeFileSync(path.join(kernel, 'bad-front-matter.md'), '---\ntitle: "never closed\nkeywords: [a: b\n---\n\n# Broken\n\nSome text.\n');
  writeFileSync(path.join(kernel, 'empty-page.md'), '');
  writeFileSync(path.join(kernel, 'binary-junk.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0x41, 0x42]));
  return { root, pageFile };
}

const goodPath = 'windows-driver-docs-pr/kernel/frobnicating-gizmo-queues.md';

describe('building over a folder with broken files', () => {
  let root: string;
  let indexFile: string;
  let result: BuildResult;
  beforeAll(async () => {
    root = makeCorpus().root;
    indexFile = path.join(root, 'out', 'test.idx');
    result = await buildIndex({ corpusDir: root, indexFile, buildKey: 't', files: listCorpusFiles(root), workers: 1 });
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finishes and reports each broken file with its reason', () => {
    expect(result.meta).toMatchObject({ buildKey: 't', pages: 1, skipped: 3 });
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.path.split('/').pop(), s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['bad-front-matter.md', 'binary-junk.md', 'empty-page.md']);
    expect(reasons['bad-front-matter.md']).toMatch(/front matter/i);
    expect(reasons['empty-page.md']).toMatch(/empty/i);
    expect(reasons['binary-junk.md']).toMatch(/binary/i);
  });

  it('writes an index in which the good page is searchable', () => {
    const index = openIndex(indexFile);
    expect(index.pages.map((p) => p.path)).toEqual([goodPath]);
    expect(index.pages[0]!.url).toBe(`${DRIVERS}/kernel/frobnicating-gizmo-queues`);
    expect(index.skipped.map((s) => s.path).sort()).toEqual(result.skipped.map((s) => s.path).sort());
    const results = searchPages(index, 'frobnicate the gizmo queue');
    expect(results.map((r) => r.page.path)).toEqual([goodPath]);
    const chunk = searchChunks(index, 'GzDrainFrobQueue', {})[0];
    expect(chunk).toMatchObject({ anchor: 'draining-the-frobnicated-queue', section: 'Draining the frobnicated queue' });
  });
});

describe('loadIndex and indexState', () => {
  let corpus: { root: string; pageFile: string };
  let dataDir: string;
  let settings: IndexSettings;
  beforeAll(() => {
    corpus = makeCorpus();
    dataDir = mkdtempSync(path.join(tmpdir(), 'ddb-data-'));
    settings = readIndexSettings({ CORPUS_DIR: corpus.root, DATA_DIR: dataDir });
  });
  afterAll(() => {
    rmSync(corpus.root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts the index under DATA_DIR', () => {
    expect(settings.corpusDir).toBe(path.resolve(corpus.root));
    expect(settings.indexFile.startsWith(path.resolve(dataDir) + path.sep)).toBe(true);
  });

  it('missing → built on load → current', async () => {
    expect(indexState(settings).status).toBe('missing');
    const reasons: string[] = [];
    const index = await loadIndex(settings, { onBuildStart: (reason) => reasons.push(reason) });
    expect(reasons).toHaveLength(1);
    expect(index.pages.map((p) => p.path)).toEqual([goodPath]);
    expect(index.skipped).toHaveLength(3);
    const state = indexState(settings);
    expect(state.status).toBe('current');
    // A second load uses the file as it is.
    const again: string[] = [];
    await loadIndex(settings, { onBuildStart: (reason) => again.push(reason) });
    expect(again).toEqual([]);
  });

  it('a truncated index file is never half-used: openIndex refuses it, loadIndex rebuilds it', async () => {
    const size = statSync(settings.indexFile).size;
    const builtBefore = openIndex(settings.indexFile).meta.builtAt;
    truncateSync(settings.indexFile, Math.floor(size * 0.8));
    expect(() => openIndex(settings.indexFile)).toThrow(IndexFileError);
    const reasons: string[] = [];
    const index = await loadIndex(settings, { onBuildStart: (reason) => reasons.push(reason) });
    expect(reasons.length).toBeGreaterThanOrEqual(1);
    expect(index.pages.map((p) => p.path)).toEqual([goodPath]);
    expect(index.meta.builtAt).not.toBe(builtBefore);
    expect(statSync(settings.indexFile).size).toBe(size);
    expect(searchPages(index, 'GzDrainFrobQueue')[0]?.page.path).toBe(goodPath);
  });

  it('indexState reports a truncated file as damaged', () => {
    const good = readFileSync(settings.indexFile);
    try {
      truncateSync(settings.indexFile, Math.floor(good.length * 0.8));
      expect(indexState(settings).status).toBe('damaged');
    } finally {
      writeFileSync(settings.indexFile, good);
    }
  });

  it('a file with a damaged header is reported as damaged, then rebuilt', async () => {
    const bytes = readFileSync(settings.indexFile);
    bytes.write('GARBAGE', 0, 'latin1');
    writeFileSync(settings.indexFile, bytes);
    expect(indexState(settings).status).toBe('damaged');
    const index = await loadIndex(settings);
    expect(index.pages).toHaveLength(1);
    expect(indexState(settings).status).toBe('current');
  });

  it('a changed corpus file makes the index stale, and loading rebuilds it', async () => {
    expect(indexState(settings).status).toBe('current');
    const stat = statSync(corpus.pageFile);
    const later = new Date(stat.mtimeMs + 60_000);
    utimesSync(corpus.pageFile, later, later);
    const state = indexState(settings);
    expect(state.status).toBe('stale');
    const reasons: string[] = [];
    await loadIndex(settings, { onBuildStart: (reason) => reasons.push(reason) });
    expect(reasons).toHaveLength(1);
    expect(indexState(settings).status).toBe('current');
  });

  it('a new page in the corpus makes the index stale', () => {
    const added = path.join(path.dirname(corpus.pageFile), 'another-gizmo-page.md');
    writeFileSync(added, goodPage.replace('Frobnicating gizmo queues', 'Another gizmo page'));
    expect(indexState(settings).status).toBe('stale');
    rmSync(added);
    expect(indexState(settings).status).toBe('current');
  });
});
