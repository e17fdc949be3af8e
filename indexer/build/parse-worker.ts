// Worker thread: parses and chunks batches of corpus files. Parsing is the slow part of a
// build (remark reads about 1 MB/s), so it runs on every core while the main thread
// feeds Orama.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { chunkPage, type ChunkPiece } from '../chunker.ts';
import type { CorpusFile } from '../corpus-files.ts';
import type { SkippedFile } from '../model.ts';
import { toPageRecord, type PageRecord } from '../page-record.ts';
import { createParseContext } from '../parse/parse-context.ts';
import { parsePage } from '../parse/parse-page.ts';
import { recordingContext, type PageDependencies } from './parse-dependencies.ts';

export interface ParsedFileResult {
  page?: { record: PageRecord; chunks: ChunkPiece[] };
  skipped?: SkippedFile;
  /** What the parse read besides the file (set by parseCorpusFile; see parse-dependencies.ts). */
  dependencies?: PageDependencies;
}

export interface ParseWorkerData {
  corpusDir: string;
}

export function parseCorpusFile(file: CorpusFile, sharedContext: ReturnType<typeof createParseContext>): ParsedFileResult {
  const { context, dependencies } = recordingContext(sharedContext);
  try {
    const raw = readFileSync(file.absolutePath, 'utf8');
    const page = parsePage({ repo: file.repo, path: file.path, raw }, context);
    return { page: { record: toPageRecord(page), chunks: chunkPage(page) }, dependencies };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { skipped: { path: file.path, reason }, dependencies };
  }
}

if (parentPort) {
  const { corpusDir } = workerData as ParseWorkerData;
  const context = createParseContext(corpusDir);
  parentPort.on('message', (message: { batch: number; files: CorpusFile[] }) => {
    const results = message.files.map((file) => parseCorpusFile(file, context));
    parentPort!.postMessage({ batch: message.batch, results });
  });
}
