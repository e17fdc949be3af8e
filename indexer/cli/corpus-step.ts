// The step commands take before loading the index: make sure the corpus is on disk, fetching
// it with git on first use, at the commits update-corpus recorded (else the code's pins). An
// index that sits without its corpus (copied to a server) is used as it is, so nothing is
// fetched then.
import { existsSync } from 'node:fs';
import { corpusLockFile, lockedSources, readCorpusLock } from '../../corpus/corpus-lock.ts';
import { corpusIsPresent, ensureCorpus, gitProgressPrinter } from '../../corpus/fetch.ts';
import type { IndexSettings } from '../settings.ts';

export async function ensureCorpusFor(settings: IndexSettings, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && existsSync(settings.indexFile) && !corpusIsPresent(settings.corpusDir)) return;
  const lock = readCorpusLock(corpusLockFile(settings.dataDir));
  await ensureCorpus(settings.corpusDir, {
    sources: lockedSources(lock),
    log: (message) => process.stderr.write(`${message}\n`),
    onProgress: gitProgressPrinter(),
  });
}
