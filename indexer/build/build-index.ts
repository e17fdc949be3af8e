// Corpus → parsed pages (worker threads) → Orama databases → one index file.
import { readFileSync } from 'node:fs';
import type { CorpusVersion } from '../../corpus/corpus-version.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { insert, save } from '@orama/orama';
import { listCorpusFiles, type CorpusFile } from '../corpus-files.ts';
import type { SkippedFile } from '../model.ts';
import type { PageRecord } from '../page-record.ts';
import { jsonBlob, writeContainer } from '../persist/container.ts';
import { type ChunkDb, createChunkDb, createTitleDb, type TitleDb } from '../schema.ts';
import type { PageChanges } from '../../corpus/update.ts';
import { createParseContext } from '../parse/parse-context.ts';
import { chunkDocuments, titleDocument } from './page-documents.ts';
import { contentKey, decodeEntry, ParseCacheReader, ParseCacheWriter, parseCacheKey } from './parse-cache.ts';
import { movedPages } from './moved-pages.ts';
import { DependencyChecker } from './parse-dependencies.ts';
import type { ParsedFileResult } from './parse-worker.ts';
import type { IndexMeta } from '../persist/index-meta.ts';

export interface BuildProgress {
  done: number;
  total: number;
}

export interface BuildOptions {
  corpusDir: string;
  indexFile: string;
  buildKey: string;
  /** Parse workers; defaults to the number of cores. */
  workers?: number;
  /** Only these files (tests index a slice of the corpus). */
  files?: CorpusFile[];
  /** Reuse parsed pages from (and save them to) this file; see parse-cache.ts. */
  parseCacheFile?: string;
  /** Parse everything anew, then save the cache (a cold build that leaves a warm cache). */
  refreshParseCache?: boolean;
  onProgress?: (progress: BuildProgress) => void;
  /** Upstream commits of the corpus, recorded in the index's meta. */
  corpus?: CorpusVersion[];
}

export interface BuildResult {
  meta: IndexMeta;
  indexBytes: number;
  seconds: number;
  skipped: SkippedFile[];
  /** Files parsed in this build, and files whose parse came from the cache. */
  parsed: number;
  cached: number;
  /** Of the parsed files: unchanged ones whose include, toc or redirections changed. */
  contextReparsed: number;
  /** Files added, removed, changed since the build that wrote the parse cache (when known). */
  changes?: PageChanges;
}

const batchSize = 40;

// Workers run the TypeScript sources as the main thread does: register tsx's loader in the
// worker, then load the worker module.
const workerModule = new URL('./parse-worker.ts', import.meta.url).href;
const workerBootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerModule)}); })`;

/** Runs `files` through a pool of parse workers, yielding results in file order. */
async function* parseInWorkers(corpusDir: string, files: CorpusFile[], workerCount: number): AsyncGenerator<ParsedFileResult[]> {
  if (files.length === 0) return;
  const batches: CorpusFile[][] = [];
  for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
  const workers = Array.from(
    { length: Math.max(1, Math.min(workerCount, batches.length)) },
    () =>
      new Worker(workerBootstrap, {
        eval: true,
        workerData: { corpusDir },
        // remark allocates a short-lived object per token: a larger young generation halves
        // the time spent in garbage collection (measured: 0.33 → 0.72 MB/s per thread).
        resourceLimits: { maxYoungGenerationSizeMb: 96 },
      }),
  );
  const finished = new Map<number, ParsedFileResult[]>();
  let nextToSend = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const send = (worker: Worker) => {
    if (nextToSend < batches.length) {
      worker.postMessage({ batch: nextToSend, files: batches[nextToSend] });
      nextToSend += 1;
    }
  };
  for (const worker of workers) {
    worker.on('message', (message: { batch: number; results: ParsedFileResult[] }) => {
      finished.set(message.batch, message.results);
      send(worker);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    // Two batches in flight per worker keep it busy while the main thread drains results.
    send(worker);
    send(worker);
  }
  try {
    for (let next = 0; next < batches.length; next += 1) {
      while (!finished.has(next)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const results = finished.get(next)!;
      finished.delete(next);
      yield results;
      // Let the workers' messages in: without a macrotask turn, a backlog of finished
      // batches would keep this loop busy while the workers sit idle, unfed.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

interface ParseCacheUse {
  reader: ParseCacheReader | undefined;
  writer: ParseCacheWriter;
  /** contentKey of each file, in file order. */
  ids: string[];
  /** Entries that can be reused: same content, and what their parse read reads the same. */
  reusable: Set<string>;
  /** Against the build that wrote the cache, when there was one. */
  changes: PageChanges | undefined;
  /** Files with unchanged content re-parsed because an include, toc or redirection they use changed. */
  contextReparsed: number;
}

/** Parse results for `files` in order: from the cache where it has them, else from the workers. */
async function* parseResults(
  options: BuildOptions,
  files: CorpusFile[],
  cache: ParseCacheUse | undefined,
): AsyncGenerator<ParsedFileResult> {
  const workers = options.workers ?? availableParallelism();
  const reader = cache?.reader;
  const misses = cache ? files.filter((_, i) => !cache.reusable.has(cache.ids[i]!)) : files;
  const parsed = parseInWorkers(options.corpusDir, misses, workers);
  let batch: ParsedFileResult[] = [];
  let next = 0;
  for (let i = 0; i < files.length; i += 1) {
    const id = cache?.ids[i];
    const entry = id !== undefined && cache!.reusable.has(id) ? reader?.payload(id) : undefined;
    if (entry) {
      cache!.writer.writePayload(id!, files[i]!.path, entry);
      yield decodeEntry(entry.payload);
      continue;
    }
    if (next >= batch.length) {
      const step = await parsed.next();
      if (step.done) throw new Error('parse workers returned fewer results than files');
      batch = step.value;
      next = 0;
    }
    const result = batch[next++]!;
    if (cache) cache.writer.write(id!, files[i]!.path, result);
    yield result;
  }
  await parsed.return(undefined);
}

function openParseCache(options: BuildOptions, files: CorpusFile[]): ParseCacheUse | undefined {
  if (!options.parseCacheFile) return undefined;
  const key = parseCacheKey();
  const ids = files.map((file) => {
    try {
      return contentKey(file.path, readFileSync(file.absolutePath));
    } catch {
      return `unreadable:${file.path}`;
    }
  });
  const reader = ParseCacheReader.open(options.parseCacheFile, key);
  const changes = reader ? pageChanges(reader.previousFiles(), files, ids) : undefined;
  const reusable = new Set<string>();
  let contextReparsed = 0;
  if (reader?.usable && !options.refreshParseCache) {
    const checker = new DependencyChecker(createParseContext(options.corpusDir));
    for (const id of ids) {
      const dependencies = reader.dependencies(id);
      if (!dependencies) continue;
      if (checker.holds(dependencies)) reusable.add(id);
      else contextReparsed += 1;
    }
  }
  return { reader, writer: new ParseCacheWriter(options.parseCacheFile, key), ids, reusable, changes, contextReparsed };
}

function pageChanges(previous: Map<string, string>, files: CorpusFile[], ids: string[]): PageChanges {
  const changes: PageChanges = { added: [], removed: [], changed: [] };
  const current = new Set<string>();
  files.forEach((file, i) => {
    current.add(file.path);
    const before = previous.get(file.path);
    if (before === undefined) changes.added.push(file.path);
    else if (before !== ids[i]) changes.changed.push(file.path);
  });
  for (const filePath of previous.keys()) if (!current.has(filePath)) changes.removed.push(filePath);
  for (const list of Object.values(changes)) list.sort();
  return changes;
}

interface Collected {
  chunkDb: ChunkDb;
  titleDb: TitleDb;
  pages: PageRecord[];
  skipped: SkippedFile[];
  chunkCount: number;
}

/** Inserts every parsed page into the databases; commits the parse cache once all went in. */
async function collectPages(options: BuildOptions, files: CorpusFile[], cache: ParseCacheUse | undefined): Promise<Collected> {
  const collected: Collected = { chunkDb: createChunkDb(), titleDb: createTitleDb(), pages: [], skipped: [], chunkCount: 0 };
  let done = 0;
  try {
    for await (const result of parseResults(options, files, cache)) {
      done += 1;
      if (done % 200 === 0 || done === files.length) {
        options.onProgress?.({ done, total: files.length });
        // Let the workers' messages in between stretches of cached pages.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (result.skipped) {
        collected.skipped.push(result.skipped);
        continue;
      }
      const { record, chunks } = result.page!;
      const pageIndex = collected.pages.push(record) - 1;
      for (const document of chunkDocuments(record, chunks, pageIndex)) insert(collected.chunkDb, document as never);
      collected.chunkCount += chunks.length;
      insert(collected.titleDb, titleDocument(record, pageIndex) as never);
    }
    cache?.writer.commit();
  } catch (error) {
    cache?.writer.abort();
    throw error;
  } finally {
    cache?.reader?.close();
  }
  return collected;
}

export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const files = options.files ?? listCorpusFiles(options.corpusDir);
  const cache = openParseCache(options, files);
  const cachedCount = cache ? cache.ids.filter((id) => cache.reusable.has(id)).length : 0;
  const { chunkDb, titleDb, pages, skipped, chunkCount } = await collectPages(options, files, cache);
  if (files.length === 0) options.onProgress?.({ done: 0, total: 0 });

  const meta: IndexMeta = {
    buildKey: options.buildKey,
    builtAt: new Date().toISOString(),
    pages: pages.length,
    chunks: chunkCount,
    skipped: skipped.length,
    ...(options.corpus ? { corpus: options.corpus } : {}),
  };
  const indexBytes = writeContainer(options.indexFile, meta, {
    pages: jsonBlob(pages),
    moved: jsonBlob(movedPages(options.corpusDir, pages)),
    skipped,
    chunkDb: save(chunkDb),
    titleDb: save(titleDb),
  });
  return {
    meta,
    indexBytes,
    seconds: (performance.now() - started) / 1000,
    skipped,
    parsed: files.length - cachedCount,
    cached: cachedCount,
    contextReparsed: cache?.contextReparsed ?? 0,
    ...(cache?.changes ? { changes: cache.changes } : {}),
  };
}
