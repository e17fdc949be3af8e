// Builds the slice index before the suites run, unless the one on disk is current.
import { buildIndex } from '../../indexer/build/build-index.ts';
import { readMeta } from '../../indexer/persist/container.ts';
import { computeBuildKey, isIndexMeta } from '../../indexer/persist/index-meta.ts';
import { corpusDir, sliceFiles, sliceIndexFile } from './slice.ts';

export default async function setup(): Promise<void> {
  const buildKey = computeBuildKey(corpusDir, 'test slice');
  try {
    const meta = readMeta(sliceIndexFile);
    if (isIndexMeta(meta) && meta.buildKey === buildKey) return;
  } catch {
    // Missing or damaged: build it.
  }
  const started = performance.now();
  const result = await buildIndex({ corpusDir, indexFile: sliceIndexFile, buildKey, files: sliceFiles() });
  console.log(`test slice index: ${result.meta.pages} pages, ${result.meta.chunks} chunks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
