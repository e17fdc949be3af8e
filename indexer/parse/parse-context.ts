// Builds the ParseContext a build (or each worker thread) hands to parsePage.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRedirects } from '../../corpus/urls.ts';
import { sourceOfPath } from '../../corpus/sources.ts';
import type { ParseContext } from './parse-page.ts';
import { buildTocIndex } from './toc.ts';

/**
 * Reads repository-relative paths ("windows-driver-docs-pr/includes/x.md") from the corpus
 * directory; the content root in the path says which repository. Include files are read
 * hundreds of times, so reads are cached.
 */
function createCorpusReader(corpusDir: string): (repoRelPath: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (repoRelPath) => {
    if (cache.has(repoRelPath)) return cache.get(repoRelPath);
    const source = sourceOfPath(repoRelPath);
    let text: string | undefined;
    if (source !== undefined && !repoRelPath.split('/').includes('..')) {
      try {
        text = readFileSync(join(corpusDir, source.folder, repoRelPath), 'utf8');
      } catch {
        text = undefined;
      }
    }
    cache.set(repoRelPath, text);
    return text;
  };
}

export function createParseContext(corpusDir: string): ParseContext {
  return {
    readFile: createCorpusReader(corpusDir),
    redirects: loadRedirects(corpusDir),
    toc: buildTocIndex(corpusDir),
  };
}
