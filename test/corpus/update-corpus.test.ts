// update-corpus against local repositories standing in for upstream: it moves the checkout
// to the new commit (partial, sparse), reports the pages added, removed and changed, records
// the commit in the lock file; then a rebuild re-parses only the pages that changed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusLockFile, lockedSources, readCorpusLock } from '../../corpus/corpus-lock.ts';
import { ensureCorpus } from '../../corpus/fetch.ts';
import { checkForUpdates, updateCorpus } from '../../corpus/update.ts';
import { buildIndex } from '../../indexer/build/build-index.ts';
import { listCorpusFiles } from '../../indexer/corpus-files.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { corpusVersions } from '../../corpus/corpus-version.ts';
import { createUpstreamDocs, GIZMO_PAGES, PR, type UpstreamDocs } from '../support/upstream-docs.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let root: string;
let upstream: UpstreamDocs;
let corpusDir: string;
let dataDir: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ddb-update-corpus-'));
  upstream = createUpstreamDocs(root);
  corpusDir = path.join(root, 'corpus');
  dataDir = path.join(root, 'data');
  await ensureCorpus(corpusDir, { sources: upstream.sources });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const indexFile = () => path.join(dataDir, 'index', 'driver-docs.idx');
const parseCacheFile = () => path.join(dataDir, 'index', 'parse-cache.bin');
const build = () =>
  buildIndex({
    corpusDir,
    indexFile: indexFile(),
    parseCacheFile: parseCacheFile(),
    buildKey: 'test',
    workers: 1,
    corpus: corpusVersions(corpusDir, readCorpusLock(corpusLockFile(dataDir))),
  });

describe('update-corpus and the incremental rebuild', () => {
  it('builds the first index from the pinned commits, recording them', async () => {
    const first = await build();
    expect(first.parsed).toBe(listCorpusFiles(corpusDir).length);
    expect(first.meta.corpus).toEqual([
      { repo: 'conceptual', commit: upstream.conceptual.first, committedAt: '2026-11-01T10:00:00+00:00', from: 'checkout' },
      { repo: 'api', commit: upstream.api.first, committedAt: '2026-10-15T10:00:00+00:00', from: 'checkout' },
    ]);
    expect(openIndex(indexFile()).pages.map((p) => p.path)).toContain(GIZMO_PAGES.power);
  });

  it('--check reports the newer commit without changing anything', async () => {
    const checks = await checkForUpdates(corpusDir, { sources: upstream.sources });
    expect(checks).toEqual([
      { repo: 'conceptual', current: upstream.conceptual.first, newest: upstream.conceptual.second, behind: true },
      { repo: 'api', current: upstream.api.first, newest: upstream.api.first, behind: false },
    ]);
    expect(existsSync(path.join(corpusDir, 'windows-driver-docs', GIZMO_PAGES.sparkle))).toBe(false);
  });

  it('moves to the newest commit, reports the page diff and records the commits in the lock file', async () => {
    const progress: string[] = [];
    const lockFile = corpusLockFile(dataDir);
    const updates = await updateCorpus(corpusDir, { sources: upstream.sources, lockFile, onProgress: (line) => progress.push(line) });
    expect(updates.map((u) => [u.repo, u.from, u.to])).toEqual([
      ['conceptual', upstream.conceptual.first, upstream.conceptual.second],
      ['api', upstream.api.first, upstream.api.first],
    ]);
    expect(updates[0]!.pages).toEqual({
      added: [GIZMO_PAGES.sparkle, GIZMO_PAGES.powerMoved],
      removed: [GIZMO_PAGES.power],
      changed: [GIZMO_PAGES.timers],
    });
    expect(updates[1]!.pages).toEqual({ added: [], removed: [], changed: [] });
    expect(progress.some((line) => /Receiving objects|Updating files/.test(line))).toBe(true);

    const repoDir = path.join(corpusDir, 'windows-driver-docs');
    expect(existsSync(path.join(repoDir, GIZMO_PAGES.sparkle))).toBe(true);
    expect(existsSync(path.join(repoDir, GIZMO_PAGES.power))).toBe(false);
    expect(readFileSync(path.join(repoDir, GIZMO_PAGES.timers), 'utf8')).toContain('revision B');
    // Still sparse and partial: the image is neither checked out nor downloaded.
    expect(existsSync(path.join(repoDir, PR, 'gizmos/images/gizmo.png'))).toBe(false);
    const missing = execFileSync('git', ['rev-list', '--objects', '--missing=print', 'HEAD'], { cwd: repoDir, encoding: 'utf8' });
    const imageBlob = execFileSync('git', ['rev-parse', `HEAD:${PR}/gizmos/images/gizmo.png`], { cwd: repoDir, encoding: 'utf8' }).trim();
    expect(missing).toContain(`?${imageBlob}`);

    const lock = readCorpusLock(lockFile)!;
    expect(lock.repos.conceptual).toEqual({ commit: upstream.conceptual.second, committedAt: '2026-11-25T10:00:00+00:00' });
    expect(lock.repos.api).toEqual({ commit: upstream.api.first, committedAt: '2026-10-15T10:00:00+00:00' });
    // The lock wins over the pins for the next fetch and build; the pins stay the defaults.
    expect(lockedSources(lock, upstream.sources).map((s) => s.commit)).toEqual([upstream.conceptual.second, upstream.api.first]);
    expect(lockedSources(undefined, upstream.sources).map((s) => s.commit)).toEqual([upstream.conceptual.first, upstream.api.first]);
  });

  it('rebuilds re-parsing only the added and changed pages, and the page whose link now goes through a new redirection', async () => {
    const rebuilt = await build();
    expect(rebuilt.changes).toEqual({
      added: [GIZMO_PAGES.sparkle, GIZMO_PAGES.powerMoved],
      removed: [GIZMO_PAGES.power],
      changed: [GIZMO_PAGES.timers],
    });
    // 2 added + 1 changed + gizmo-basics, whose link to the moved page now resolves elsewhere.
    expect(rebuilt.contextReparsed).toBe(1);
    expect(rebuilt.parsed).toBe(4);
    expect(rebuilt.cached).toBe(listCorpusFiles(corpusDir).length - 4);
    expect(rebuilt.meta.corpus?.[0]).toMatchObject({ commit: upstream.conceptual.second, committedAt: '2026-11-25T10:00:00+00:00' });

    const index = openIndex(indexFile());
    const paths = index.pages.map((p) => p.path);
    expect(paths).toContain(GIZMO_PAGES.sparkle);
    expect(paths).not.toContain(GIZMO_PAGES.power);
    // The moved page is known by its old path.
    expect(index.moved[GIZMO_PAGES.power]).toBe(GIZMO_PAGES.powerMoved);
    const basics = index.pages.find((p) => p.path === GIZMO_PAGES.basics)!;
    expect(basics.breadcrumb.length).toBeGreaterThan(0);
  });

  it('moves back to a given commit with --commit, reporting the reverse diff', async () => {
    const updates = await updateCorpus(corpusDir, { sources: upstream.sources, commits: { conceptual: upstream.conceptual.first } });
    expect(updates[0]!.to).toBe(upstream.conceptual.first);
    expect(updates[0]!.pages).toEqual({
      added: [GIZMO_PAGES.power],
      removed: [GIZMO_PAGES.sparkle, GIZMO_PAGES.powerMoved],
      changed: [GIZMO_PAGES.timers],
    });
  });

  it('on a machine without the corpus yet, fetches the newest commit directly: every page added', async () => {
    const freshDir = path.join(root, 'fresh-corpus');
    const updates = await updateCorpus(freshDir, { sources: [upstream.sources[0]!] });
    expect(updates[0]).toMatchObject({ from: undefined, to: upstream.conceptual.second });
    expect(updates[0]!.pages.added).toEqual(
      [GIZMO_PAGES.basics, GIZMO_PAGES.sparkle, GIZMO_PAGES.timers, GIZMO_PAGES.overview, GIZMO_PAGES.powerMoved].sort(),
    );
    expect(updates[0]!.pages.removed).toEqual([]);
  });

  it('npm run update-corpus prints the summary and the JSON line', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'indexer/cli/update-corpus-command.ts')], {
      cwd: projectRoot,
      env: { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const last = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ added: 2, removed: 1, changed: 1 });
    expect(last.repos[0]).toMatchObject({ repo: 'conceptual', from: upstream.conceptual.first, to: upstream.conceptual.second });
  });
});
