import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusFetchError, corpusIsPresent, ensureCorpus } from '../../corpus/fetch.ts';
import { CONCEPTUAL_SOURCE, CORPUS_SOURCES, type CorpusSource } from '../../corpus/sources.ts';

const temporaryDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-fetch-test-'));
  temporaryDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function failure(run: () => Promise<void>): Promise<CorpusFetchError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusFetchError);
    return error as CorpusFetchError;
  }
  throw new Error('expected ensureCorpus to fail');
}

describe('ensureCorpus', () => {
  it('returns at once when both content roots exist, without running git', async () => {
    const corpusDir = tempDir();
    for (const source of CORPUS_SOURCES) mkdirSync(join(corpusDir, source.folder, source.contentRoot), { recursive: true });
    expect(corpusIsPresent(corpusDir)).toBe(true);
    await expect(ensureCorpus(corpusDir, { git: '/nonexistent/git' })).resolves.toBeUndefined();
  });

  it('explains what to do when git is missing', async () => {
    const corpusDir = tempDir();
    const error = await failure(() => ensureCorpus(corpusDir, { git: '/nonexistent/git' }));
    expect(error.message).toMatch(/git .* is not available/);
    expect(error.message).toContain('CORPUS_DIR');
  });

  it('explains what to do when the fetch fails, with the commands to run by hand', async () => {
    const corpusDir = tempDir();
    const bogusRemote = pathToFileURL(join(corpusDir, 'no-such-repository.git')).href;
    const error = await failure(() => ensureCorpus(corpusDir, { remoteUrl: () => bogusRemote }));
    expect(error.message).toContain('Could not fetch the documentation corpus');
    expect(error.message).toContain('set CORPUS_DIR to an existing snapshot');
    expect(error.message).toContain(`git remote add origin ${bogusRemote}`);
    expect(error.message).toContain(`git fetch --filter=blob:none --depth 1 origin ${CONCEPTUAL_SOURCE.commit}`);
    expect(error.message).toContain("git sparse-checkout set --no-cone '*.md' '*.yml' '.openpublishing.redirection.json'");
  });

  it('fetches a pinned commit as a partial clone: no other content downloaded, markdown, yml and the redirection file checked out, with progress', async () => {
    const upstream = tempDir();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
        cwd: upstream,
        encoding: 'utf8',
      }).trim();
    mkdirSync(join(upstream, 'windows-driver-docs-pr', 'images'), { recursive: true });
    writeFileSync(join(upstream, 'windows-driver-docs-pr', 'page.md'), '# Page\n');
    writeFileSync(join(upstream, 'windows-driver-docs-pr', 'toc.yml'), '- name: Page\n  href: page.md\n');
    writeFileSync(join(upstream, 'windows-driver-docs-pr', 'images', 'shot.png'), 'not really a png');
    writeFileSync(join(upstream, '.openpublishing.redirection.json'), '{"redirections":[]}');
    git('init', '-q');
    // What GitHub allows: filtered fetches (partial clones).
    git('config', 'uploadpack.allowFilter', 'true');
    git('add', '.');
    git('commit', '-q', '-m', 'snapshot');
    const commit = git('rev-parse', 'HEAD');
    // Later history must not leak into the pinned snapshot.
    writeFileSync(join(upstream, 'windows-driver-docs-pr', 'later.md'), '# Later\n');
    git('add', '.');
    git('commit', '-q', '-m', 'later');

    const corpusDir = tempDir();
    const source: CorpusSource = { ...CONCEPTUAL_SOURCE, gitUrl: pathToFileURL(upstream).href, commit };
    const progress: string[] = [];
    await ensureCorpus(corpusDir, { sources: [source], onProgress: (line) => progress.push(line) });
    const repoDir = join(corpusDir, source.folder);
    const inRepo = (...args: string[]) => execFileSync('git', args, { cwd: repoDir, encoding: 'utf8' }).trim();
    // A partial clone: the image's content was never downloaded, only its name in the tree.
    expect(inRepo('config', 'remote.origin.promisor')).toBe('true');
    expect(inRepo('config', 'remote.origin.partialclonefilter')).toBe('blob:none');
    const imageBlob = inRepo('rev-parse', `${commit}:windows-driver-docs-pr/images/shot.png`);
    expect(inRepo('rev-list', '--objects', '--missing=print', 'HEAD')).toContain(`?${imageBlob}`);
    expect(progress.some((line) => /Receiving objects|Updating files/.test(line))).toBe(true);
    expect(existsSync(join(repoDir, 'windows-driver-docs-pr', 'page.md'))).toBe(true);
    expect(existsSync(join(repoDir, 'windows-driver-docs-pr', 'toc.yml'))).toBe(true);
    expect(existsSync(join(repoDir, '.openpublishing.redirection.json'))).toBe(true);
    expect(existsSync(join(repoDir, 'windows-driver-docs-pr', 'images', 'shot.png'))).toBe(false);
    expect(existsSync(join(repoDir, 'windows-driver-docs-pr', 'later.md'))).toBe(false);
    expect(corpusIsPresent(corpusDir, [source])).toBe(true);
  });
});

describe('sources', () => {
  it('pins both upstream repositories to full commit hashes', () => {
    expect(CORPUS_SOURCES.map((s) => [s.id, s.folder, s.contentRoot])).toEqual([
      ['conceptual', 'windows-driver-docs', 'windows-driver-docs-pr'],
      ['api', 'windows-driver-docs-ddi', 'wdk-ddi-src/content'],
    ]);
    for (const source of CORPUS_SOURCES) expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
