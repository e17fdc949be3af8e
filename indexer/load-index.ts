// Opening the persisted index: every command and the bot start here. A missing, stale or
// damaged file is rebuilt (or reported), never half-used. Fetching the corpus is the
// commands' business (see cli/corpus-step.ts): loading only reads what is on disk.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { load } from '@orama/orama';
import { corpusLockFile, readCorpusLock } from '../corpus/corpus-lock.ts';
import { corpusVersions } from '../corpus/corpus-version.ts';
import { corpusIsPresent } from '../corpus/fetch.ts';
import { buildIndex, type BuildProgress, type BuildResult } from './build/build-index.ts';
import { acquireBuildLock } from './build/build-lock.ts';
import type { MovedPages } from './build/moved-pages.ts';
import type { SkippedFile } from './model.ts';
import type { PageRecord } from './page-record.ts';
import { IndexFileError, IndexFormatError, parseJsonBlob, readContainer, readContainerAsync, readMeta } from './persist/container.ts';
import { computeBuildKey, isIndexMeta, type IndexMeta } from './persist/index-meta.ts';
import { scoreTokens } from './orama/bm25f-scoring.ts';
import { createChunkDb, createTitleDb, type ChunkDb, type TitleDb } from './schema.ts';
import type { IndexSettings } from './settings.ts';
import { removeStaleTemporaries } from './persist/temp-files.ts';

export interface LoadedIndex {
  meta: IndexMeta;
  pages: PageRecord[];
  skipped: SkippedFile[];
  chunkDb: ChunkDb;
  titleDb: TitleDb;
  /** Pages that moved: old path → current path (build/moved-pages.ts). */
  moved: MovedPages;
}

interface PersistedIndex {
  pages: Uint8Array;
  moved?: Uint8Array;
  skipped: SkippedFile[];
  chunkDb: unknown;
  titleDb: unknown;
}

/** Opens an index file. Throws IndexFileError if it is not a complete, readable index. */
export function openIndex(file: string): LoadedIndex {
  if (!existsSync(file)) throw new IndexFileError(`No index at ${file}. Build it with: npm run index`);
  const steps = indexFromContainer(file, readContainer(file));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * openIndex for a process that keeps answering while it loads (a reload): the file is read
 * and checked off the event loop, and the loop gets a turn between the other steps, so no
 * single stretch blocks it for long.
 */
export async function openIndexAsync(file: string): Promise<LoadedIndex> {
  if (!existsSync(file)) throw new IndexFileError(`No index at ${file}. Build it with: npm run index`);
  const steps = indexFromContainer(file, await readContainerAsync(file));
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The steps from a read container to a loaded index; yields between the long ones. */
function* indexFromContainer(file: string, { meta, data }: { meta: unknown; data: unknown }): Generator<void, LoadedIndex> {
  if (!isIndexMeta(meta)) throw new IndexFileError(`${file} was written by an incompatible version. Rebuild it with: npm run index`);
  const persisted = data as PersistedIndex;
  if (!persisted || !persisted.chunkDb || !persisted.titleDb)
    throw new IndexFileError(`${file} is incomplete. Rebuild it with: npm run index`);
  const pages = parseJsonBlob<PageRecord[]>(persisted.pages, 'page table');
  yield;
  const chunkDb = createChunkDb(scoreTokens);
  load(chunkDb, persisted.chunkDb as never);
  yield;
  const titleDb = createTitleDb(scoreTokens);
  load(titleDb, persisted.titleDb as never);
  const moved = persisted.moved ? parseJsonBlob<MovedPages>(persisted.moved, 'moved pages') : {};
  return { meta, pages, skipped: persisted.skipped ?? [], chunkDb, titleDb, moved };
}

export type IndexState = { status: 'current'; meta: IndexMeta } | { status: 'missing' | 'stale' | 'damaged'; reason: string };

/** Whether the index file matches the corpus and code, reading only its header. */
export function indexState(settings: IndexSettings, buildKey = computeBuildKey(settings.corpusDir)): IndexState {
  if (!existsSync(settings.indexFile)) return { status: 'missing', reason: `no index at ${settings.indexFile}` };
  let meta: unknown;
  try {
    meta = readMeta(settings.indexFile);
  } catch (error) {
    if (error instanceof IndexFormatError) return { status: 'stale', reason: 'written by other indexing code' };
    return { status: 'damaged', reason: (error as Error).message };
  }
  if (!isIndexMeta(meta)) return { status: 'stale', reason: 'written by an incompatible version' };
  if (meta.buildKey !== buildKey) return { status: 'stale', reason: 'the corpus or the indexing code changed' };
  return { status: 'current', meta };
}

export interface EnsureIndexOptions {
  force?: boolean;
  /** false: build without the parse cache; 'refresh': parse everything, then save the cache. */
  parseCache?: boolean | 'refresh';
  onBuildStart?: (reason: string) => void;
  onProgress?: (progress: BuildProgress) => void;
  /** Another process is building the index: this one waits for it. */
  onWaitForBuilder?: (holder: string) => void;
}

export interface EnsureIndexResult {
  built: BuildResult | undefined;
  state: IndexState;
}

/** Builds the index unless it is current (or `force`). */
export async function ensureIndex(settings: IndexSettings, options: EnsureIndexOptions = {}): Promise<EnsureIndexResult> {
  if (!corpusIsPresent(settings.corpusDir)) {
    // An index without its corpus (e.g. copied to a server) cannot be checked, only used.
    if (existsSync(settings.indexFile) && !options.force) {
      const meta = readMeta(settings.indexFile);
      if (isIndexMeta(meta)) return { built: undefined, state: { status: 'current', meta } };
    }
    throw new Error(`No documentation corpus in ${settings.corpusDir} to build the index from. Fetch it with: npm run fetch-corpus`);
  }
  // The commits recorded by update-corpus, if any, are what the corpus folder holds.
  const corpusLock = readCorpusLock(corpusLockFile(settings.dataDir));
  const buildKey = computeBuildKey(settings.corpusDir);
  const indexFolder = path.dirname(settings.indexFile);
  // Only files whose writer is gone: safe while another process builds.
  removeStaleTemporaries(indexFolder);
  let state = indexState(settings, buildKey);
  if (state.status === 'current' && !options.force) return { built: undefined, state };
  mkdirSync(indexFolder, { recursive: true });
  const buildLock = await acquireBuildLock(path.join(indexFolder, 'build.lock'), {
    ...(options.onWaitForBuilder ? { onWait: options.onWaitForBuilder } : {}),
  });
  try {
    // The builder we waited for has written a current index: use it.
    state = indexState(settings, buildKey);
    if (state.status === 'current' && (!options.force || buildLock.waited)) return { built: undefined, state };
    options.onBuildStart?.(options.force ? 'rebuild requested' : state.status === 'current' ? 'current' : state.reason);
    const built = await buildIndex({
      corpusDir: settings.corpusDir,
      indexFile: settings.indexFile,
      buildKey,
      corpus: corpusVersions(settings.corpusDir, corpusLock),
      onProgress: options.onProgress,
      ...(options.parseCache === false ? {} : { parseCacheFile: settings.parseCacheFile }),
      refreshParseCache: options.parseCache === 'refresh',
    });
    return { built, state };
  } finally {
    buildLock.release();
  }
}

/** Opens the index, building it first when it is missing, stale or damaged. */
export async function loadIndex(settings: IndexSettings, options: EnsureIndexOptions = {}): Promise<LoadedIndex> {
  await ensureIndex(settings, options);
  try {
    return openIndex(settings.indexFile);
  } catch (error) {
    if (!(error instanceof IndexFileError)) throw error;
    // Damage the header check could not see (e.g. a truncated body): rebuild once.
    await ensureIndex(settings, { ...options, force: true });
    return openIndex(settings.indexFile);
  }
}
