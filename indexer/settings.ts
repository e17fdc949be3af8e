// Where the corpus is read from and where built artefacts go: the indexer's part of the one
// settings module (config/settings.ts), so every command has the same defaults.
import { readSettings } from '../config/settings.ts';

export interface IndexSettings {
  /** Folder holding windows-driver-docs/ and windows-driver-docs-ddi/. */
  corpusDir: string;
  /** Git-ignored folder for the index file and other local state. */
  dataDir: string;
  /** The persisted index. */
  indexFile: string;
  /** Parsed pages kept between builds (indexer/build/parse-cache.ts). */
  parseCacheFile: string;
}

export function readIndexSettings(env: NodeJS.ProcessEnv = process.env): IndexSettings {
  const { corpusDir, dataDir, indexFile, parseCacheFile } = readSettings(env);
  return { corpusDir, dataDir, indexFile, parseCacheFile };
}
