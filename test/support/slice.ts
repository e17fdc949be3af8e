// A real slice of the corpus for tests: whole areas of conceptual pages and API headers,
// enough for retrieval to face real competition while building in seconds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCorpusFiles, type CorpusFile } from '../../indexer/corpus-files.ts';
import { corpusDir } from '../corpus-dir.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const sliceIndexFile = path.join(projectRoot, 'data', 'test', 'slice.idx');

const slicePrefixes = [
  'windows-driver-docs-pr/kernel/',
  'windows-driver-docs-pr/wdf/',
  'windows-driver-docs-pr/gettingstarted/',
  'windows-driver-docs-pr/debugger/bug-check-0x1',
  // Debugger extensions whose names are plain words (!drivers, !devobj, !dpcs).
  'windows-driver-docs-pr/debuggercmds/-d',
  'wdk-ddi-src/content/wdm/',
  'wdk-ddi-src/content/wdfio/',
  'wdk-ddi-src/content/wdfrequest/',
];

/** What the slice's build key adds to the corpus and code: its folders, so a changed slice is rebuilt. */
export const sliceIndexKeyExtra = `test slice: ${slicePrefixes.join(' ')}`;

export function sliceFiles(): CorpusFile[] {
  return listCorpusFiles(corpusDir).filter((file) => slicePrefixes.some((prefix) => file.path.startsWith(prefix)));
}

export { corpusDir };
