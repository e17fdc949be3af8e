// Builds the test indexes before the suites run, unless the ones on disk are current: the
// slice of the corpus, and the small index of the key tips' pages.
import { buildIndex } from '../../indexer/build/build-index.ts';
import type { CorpusFile } from '../../indexer/corpus-files.ts';
import { readMeta } from '../../indexer/persist/container.ts';
import { computeBuildKey, isIndexMeta } from '../../indexer/persist/index-meta.ts';
import { keyTipFiles, keyTipIndexFile, keyTipIndexKeyExtra } from './key-tip-pages.ts';
import { corpusDir, sliceFiles, sliceIndexFile, sliceIndexKeyExtra } from './slice.ts';

async function ensureIndex(name: string, indexFile: string, keyExtra: string, files: () => CorpusFile[]): Promise<void> {
  const buildKey = computeBuildKey(corpusDir, keyExtra);
  try {
    const meta = readMeta(indexFile);
    if (isIndexMeta(meta) && meta.buildKey === buildKey) return;
  } catch {
    // Missing or damaged: build it.
  }
  const started = performance.now();
  const result = await buildIndex({ corpusDir, indexFile, buildKey, files: files() });
  console.log(
    `${name}: ${result.meta.pages} pages, ${result.meta.chunks} chunks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

export default async function setup(): Promise<void> {
  await ensureIndex('test slice index', sliceIndexFile, sliceIndexKeyExtra, sliceFiles);
  await ensureIndex('key tip pages index', keyTipIndexFile, keyTipIndexKeyExtra(), keyTipFiles);
}
