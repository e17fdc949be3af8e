// Where the corpus is read from and where built artefacts go.
import path from 'node:path';
import { z } from 'zod';
import { optionalString, readEnv } from './env.ts';

const indexEnvSchema = z.object({
  CORPUS_DIR: optionalString,
  DATA_DIR: optionalString,
});

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
  const values = readEnv(indexEnvSchema, env);
  const dataDir = path.resolve(values.DATA_DIR ?? 'data');
  return {
    corpusDir: path.resolve(values.CORPUS_DIR ?? path.join(dataDir, 'corpus')),
    dataDir,
    indexFile: path.join(dataDir, 'index', 'driver-docs.idx'),
    parseCacheFile: path.join(dataDir, 'index', 'parse-cache.bin'),
  };
}
