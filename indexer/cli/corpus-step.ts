// The step commands take before loading the index: make sure the corpus is on disk, fetching
// it with git on first use. An index that sits without its corpus (copied to a server) is
// used as it is, so nothing is fetched then.
import { existsSync } from 'node:fs';
import { corpusIsPresent, ensureCorpus } from '../../corpus/fetch.ts';
import type { IndexSettings } from '../settings.ts';

export function ensureCorpusFor(settings: IndexSettings, options: { force?: boolean } = {}): void {
  if (!options.force && existsSync(settings.indexFile) && !corpusIsPresent(settings.corpusDir)) return;
  ensureCorpus(settings.corpusDir, { log: (message) => process.stderr.write(`${message}\n`) });
}
