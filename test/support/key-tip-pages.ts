// A small real index of just the key tips' pages, so the tip tests quote the very pages and
// sections the tips name (the test slice holds only some of them). Global setup builds it.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyTipPagePaths, keyTips, type KeyTipSource } from '../../corpus/key-tips.ts';
import { sourceOfPath } from '../../corpus/sources.ts';
import { absolutePathOf, type CorpusFile } from '../../indexer/corpus-files.ts';
import { corpusDir } from '../corpus-dir.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const keyTipIndexFile = path.join(projectRoot, 'data', 'test', 'key-tips.idx');

/** Every page any tip names, as corpus files; pages missing from the corpus are left out
 *  (test/key-tips.test.ts reports them). */
export function keyTipFiles(): CorpusFile[] {
  const paths = [...new Set(keyTips.flatMap((tip) => keyTipPagePaths(tip)))].sort();
  const files: CorpusFile[] = [];
  for (const pagePath of paths) {
    const source = sourceOfPath(pagePath);
    const absolutePath = absolutePathOf(corpusDir, pagePath);
    if (source && absolutePath && existsSync(absolutePath)) files.push({ repo: source.id, path: pagePath, absolutePath });
  }
  return files;
}

/** "<tip id>: missing <path>" (or malformed) for every tip page not found in `corpus`: a page
 *  moved or renamed upstream shows up here. */
export function keyTipPageProblems(corpus: string, tips: readonly KeyTipSource[]): string[] {
  const problems: string[] = [];
  for (const tip of tips) {
    if (new Set(tip.readMore).size !== tip.readMore.length) problems.push(`${tip.id}: a page listed twice under readMore`);
    for (const pagePath of keyTipPagePaths(tip)) {
      const file = absolutePathOf(corpus, pagePath);
      if (!file || !pagePath.endsWith('.md')) problems.push(`${tip.id}: malformed path ${pagePath}`);
      else if (!existsSync(file) || !statSync(file).isFile()) problems.push(`${tip.id}: missing ${pagePath}`);
    }
  }
  return problems;
}

/** Build-key extra: the tip page list, so a change to the tips rebuilds the index. */
export function keyTipIndexKeyExtra(): string {
  return `key tip pages\n${keyTipFiles()
    .map((file) => file.path)
    .join('\n')}`;
}
