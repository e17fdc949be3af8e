// Opening the persisted index: every command and the bot start here. A missing, stale or
// damaged file is rebuilt (or reported), never half-used.
import { existsSync, mkdirSync } from 'node:fs';
import { load } from '@orama/orama';
import { corpusIsPresent, ensureCorpus } from '../corpus/fetch.ts';
import path from 'node:path';
import { buildIndex, type BuildProgress, type BuildResult } from './build/build-index.ts';
import { acquireBuildLock } from './build/build-lock.ts';
import type { SkippedFile } from './model.ts';
import type { PageRecord } from './page-record.ts';
import { IndexFileError, parseJsonBlob, readContainer, readMeta } from './persist/container.ts';
import { computeBuildKey, isIndexMeta, type IndexMeta } from './persist/index-meta.ts';
import { createChunkDb, createTitleDb, type ChunkDb, type TitleDb } from './schema.ts';
import type { IndexSettings } from './settings.ts';
import { removeStaleTemporaries } from './persist/temp-files.ts';

export interface LoadedIndex {
  meta: IndexMeta;
  pages: PageRecord[];
  skipped: SkippedFile[];
  chunkDb: ChunkDb;
  titleDb: TitleDb;
}

interface PersistedIndex {
  pages: Uint8Array;
  skipped: SkippedFile[];
  chunkDb: unknown;
  titleDb: unknown;
}

/** Opens an index file. Throws IndexFileError if it is not a complete, readable index. */
export function openIndex(file: string): LoadedIndex {
  if (!existsSync(file)) throw new IndexFileError(`No index at ${file}. Build it with: npm run index`);
  const { meta, data } = readContainer(file);
  if (!isIndexMeta(meta)) throw new IndexFileError(`${file} was written by an incompatible version. Rebuild it with: npm run index`);
  const persisted = data as PersistedIndex;
  if (!persisted || !persisted.chunkDb || !persisted.titleDb) throw new IndexFileError(`${file} is incomplete. Rebuild it with: npm run index`);
  const pages = parseJsonBlob<PageRecord[]>(persisted.pages, 'page table');
  const chunkDb = createChunkDb();
  load(chunkDb, persisted.chunkDb as never);
  const titleDb = createTitleDb();
  load(titleDb, persisted.titleDb as never);
  return { meta, pages, skipped: persisted.skipped ?? [], chunkDb, titleDb };
}

export type IndexState = { status: 'current'; meta: IndexMeta } | { status: 'missing' | 'stale' | 'damaged'; reason: string };

/** Whether the index file matches the corpus and code, reading only its header. */
export function indexState(settings: IndexSettings, buildKey = computeBuildKey(settings.corpusDir)): IndexState {
  if (!existsSync(settings.indexFile)) return { status: 'missing', reason: `no index at ${settings.indexFile}` };
  let meta: unknown;
  try {
    meta = readMeta(settings.indexFile);
  } catch (error) {
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
  if (!corpusIsPresent(settings.corpusDir) && existsSync(settings.indexFile) && !options.force) {
    // An index without its corpus (e.g. copied to a server) cannot be checked, only used.
    const meta = readMeta(settings.indexFile);
    if (isIndexMeta(meta)) return { built: undefined, state: { status: 'current', meta } };
  }
  ensureCorpus(settings.corpusDir, { log: (message) => process.stderr.write(`${message}\n`) });
  const buildKey = computeBuildKey(settings.corpusDir);
  const indexFolder = path.dirname(settings.indexFile);
  // Only files whose writer is gone: safe while another process builds.
  removeStaleTemporaries(indexFolder);
  let state = indexState(settings, buildKey);
  if (state.status === 'current' && !options.force) return { built: undefined, state };
  mkdirSync(indexFolder, { recursive: true });
  const lock = await acquireBuildLock(path.join(indexFolder, 'build.lock'), {
    ...(options.onWaitForBuilder ? { onWait: options.onWaitForBuilder } : {}),
  });
  try {
    // The builder we waited for has written a current index: use it.
    state = indexState(settings, buildKey);
    if (state.status === 'current' && (!options.force || lock.waited)) return { built: undefined, state };
    options.onBuildStart?.(options.force ? 'rebuild requested' : state.status === 'current' ? 'current' : state.reason);
    const built = await buildIndex({
      corpusDir: settings.corpusDir,
      indexFile: settings.indexFile,
      buildKey,
      onProgress: options.onProgress,
      ...(options.parseCache === false ? {} : { parseCacheFile: settings.parseCacheFile }),
      refreshParseCache: options.parseCache === 'refresh',
    });
    return { built, state };
  } finally {
    lock.release();
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
