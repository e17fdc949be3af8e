// The invented mini corpus under test/fixtures/mini-corpus, laid out like the real one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFor, type RepoId } from '../../corpus/sources.ts';

export const fixtureCorpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mini-corpus');

export function readFixture(repo: RepoId, repoRelPath: string): string {
  return readFileSync(path.join(fixtureCorpusDir, sourceFor(repo).folder, repoRelPath), 'utf8');
}
