// The parse cache: a rebuild re-parses only pages whose content, or what their parse read
// (includes, toc answers, redirections), or the parsing code changed, and gives the same index.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../indexer/build/build-index.ts';
import { openIndex } from '../../indexer/load-index.ts';

const fixtureCorpus = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mini-corpus');

describe('parse cache', () => {
  let root: string;
  let corpusDir: string;
  let indexFile: string;
  let parseCacheFile: string;
  const build = () => buildIndex({ corpusDir, indexFile, parseCacheFile, buildKey: 'test', workers: 1 });

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ddb-parse-cache-'));
    corpusDir = path.join(root, 'corpus');
    cpSync(fixtureCorpus, corpusDir, { recursive: true });
    indexFile = path.join(root, 'data', 'index.idx');
    parseCacheFile = path.join(root, 'data', 'parse-cache.bin');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('parses every page on the first build, none on an unchanged rebuild, with the same result', async () => {
    const first = await build();
    expect(first.cached).toBe(0);
    expect(first.parsed).toBeGreaterThan(5);
    const firstPages = openIndex(indexFile).pages;

    const second = await build();
    expect(second.parsed).toBe(0);
    expect(second.cached).toBe(first.parsed);
    expect(second.meta.chunks).toBe(first.meta.chunks);
    expect(second.skipped).toEqual(first.skipped);
    expect(openIndex(indexFile).pages).toEqual(firstPages);
  });

  it('re-parses only a page whose content changed', async () => {
    const page = path.join(corpusDir, 'windows-driver-docs/windows-driver-docs-pr/widgets/widget-queues.md');
    appendFileSync(page, '\n\nA newly added paragraph about zorbling widget queues.\n');
    const result = await build();
    expect(result.parsed).toBe(1);
    const index = openIndex(indexFile);
    expect(index.pages.some((p) => p.path.endsWith('widget-queues.md'))).toBe(true);
  });

  it('re-parses only the pages that inline an include file that changed', async () => {
    const include = path.join(corpusDir, 'windows-driver-docs/windows-driver-docs-pr/includes/widget-preview-note.md');
    writeFileSync(include, `${readFileSync(include, 'utf8')}\nOne more sentence in the include.\n`);
    const result = await build();
    // widget-queues.md is the one page that inlines it.
    expect(result.parsed).toBe(1);
    expect(result.contextReparsed).toBe(1);
    expect(result.changes).toEqual({ added: [], removed: [], changed: [] });
    const queues = openIndex(indexFile).pages.find((p) => p.path.endsWith('widget-queues.md'));
    expect(queues).toBeDefined();
  });

  it('re-parses only the pages whose breadcrumb a toc.yml change moves', async () => {
    const toc = path.join(corpusDir, 'windows-driver-docs/windows-driver-docs-pr/widgets/toc.yml');
    writeFileSync(toc, readFileSync(toc, 'utf8').replace('- name: Queues', '- name: Request queues'));
    const result = await build();
    expect(result.parsed).toBe(1);
    const queues = openIndex(indexFile).pages.find((p) => p.path.endsWith('widget-queues.md'))!;
    expect(queues.breadcrumb).toContain('Request queues');
  });

  it('treats a damaged cache file as empty', async () => {
    writeFileSync(parseCacheFile, 'not a cache');
    const result = await build();
    expect(result.cached).toBe(0);
    expect(result.parsed).toBeGreaterThan(5);
    expect((await build()).parsed).toBe(0);
  });
});
