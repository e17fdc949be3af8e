// An answer engine as a front end serves it: the engine over one index file, following moved
// pages, with the index's meta (when it was built, from which upstream commits).
import { sourceFor } from '../../corpus/sources.ts';
import type { IndexMeta } from '../../indexer/persist/index-meta.ts';
import { loadIndex, openIndex, openIndexAsync, type EnsureIndexOptions, type LoadedIndex } from '../../indexer/load-index.ts';
import { readIndexSettings, type IndexSettings } from '../../indexer/settings.ts';
import type { FrontEndEngine } from './engine-contract.ts';
import { AnswerEngine } from './engine.ts';
import { followMovedPages } from './follow-moved-pages.ts';

export interface ServedEngine {
  engine: FrontEndEngine;
  /** Undefined for engines not built from an index file (tests). */
  meta: IndexMeta | undefined;
  /** Frees what the engine holds besides memory (its threads); called once no interaction uses it. */
  close?: () => Promise<void>;
}

function serveIndex(index: LoadedIndex): ServedEngine {
  return { engine: followMovedPages(new AnswerEngine(index), index.moved), meta: index.meta };
}

/** Opens an index file as it is (no build); throws IndexFileError when it is not usable. */
export function openServedEngine(indexFile: string): ServedEngine {
  return serveIndex(openIndex(indexFile));
}

/** openServedEngine while serving: loads in steps that leave the event loop free in between. */
export async function openServedEngineAsync(indexFile: string): Promise<ServedEngine> {
  const index = await openIndexAsync(indexFile);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return serveIndex(index);
}

/** Loads the configured index, building it first when it is missing or stale. */
export async function loadServedEngine(
  settings: IndexSettings = readIndexSettings(),
  options: EnsureIndexOptions = {},
): Promise<ServedEngine> {
  return serveIndex(await loadIndex(settings, options));
}

/** "windows-driver-docs 825aa15 (2025-11-12), ...; index built 2026-12-02 03:10 UTC" */
export function describeDocsEdition(meta: IndexMeta | undefined): string | undefined {
  if (!meta) return undefined;
  const built = `index built ${meta.builtAt.slice(0, 16).replace('T', ' ')} UTC`;
  if (!meta.corpus || meta.corpus.length === 0) return built;
  const commits = meta.corpus.map(
    (version) =>
      `${sourceFor(version.repo).folder} ${version.commit.slice(0, 7)}${version.committedAt ? ` (${version.committedAt.slice(0, 10)})` : ''}`,
  );
  return `${commits.join(', ')}; ${built}`;
}
