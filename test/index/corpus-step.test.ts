// Fetching the corpus belongs to the commands (ensureCorpusFor); loading the index only reads
// what is on disk, and says what to do when the corpus is not there.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCorpusFor } from '../../indexer/cli/corpus-step.ts';
import { loadIndex } from '../../indexer/load-index.ts';
import { readIndexSettings } from '../../indexer/settings.ts';

describe('without a corpus', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ddb-no-corpus-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const settings = readIndexSettings({ CORPUS_DIR: path.join(root, 'corpus'), DATA_DIR: path.join(root, 'data') });

  it('loading the index fails with what to run, and fetches nothing', async () => {
    await expect(loadIndex(settings)).rejects.toThrow(/No documentation corpus in .*npm run fetch-corpus/);
    expect(existsSync(settings.corpusDir)).toBe(false);
    expect(existsSync(settings.indexFile)).toBe(false);
  });

  it('the command step leaves an index that sits without its corpus alone', () => {
    mkdirSync(path.dirname(settings.indexFile), { recursive: true });
    writeFileSync(settings.indexFile, 'an index copied to a server');
    ensureCorpusFor(settings);
    expect(existsSync(settings.corpusDir)).toBe(false);
    expect(readdirSync(path.dirname(settings.indexFile))).toEqual([path.basename(settings.indexFile)]);
  });
});
