// The invented mini corpus under test/fixtures/mini-corpus, laid out like the real one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RepoId } from '../../indexer/model.ts';

export const fixtureCorpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mini-corpus');

export function readFixture(repo: RepoId, repoRelPath: string): string {
  const folder = repo === 'api' ? 'windows-driver-docs-ddi' : 'windows-driver-docs';
  return readFileSync(path.join(fixtureCorpusDir, folder, repoRelPath), 'utf8');
}
