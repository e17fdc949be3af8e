// What a page's parse read besides the page itself: the include files it inlined, the toc
// answers for its breadcrumb and area, and the redirections its links went through. Recorded
// while parsing (the parse context is wrapped), checked before reusing a cached parse: a
// changed toc.yml or redirection file then re-parses only the pages whose parse it changes,
// not the whole corpus (an upstream update touches both in nearly every commit).
import { createHash } from 'node:crypto';
import type { Redirects } from '../../corpus/urls.ts';
import type { ParseContext } from '../parse/parse-page.ts';
import type { TocIndex } from '../parse/toc.ts';

export interface PageDependencies {
  /** Files read through the context (includes): [path, content hash, "" when missing]. */
  files: Array<[string, string]>;
  /** Toc answers: [method, path, techRoot or "", JSON of the answer]. */
  toc: Array<[string, string, string, string]>;
  /** Redirection look-ups as flat pairs: hash of the key, hash of the target (0: none). */
  redirects: number[];
  /** The parse found no redirections at all, so it looked none up. */
  noRedirects: boolean;
}

export const NO_DEPENDENCIES: PageDependencies = { files: [], toc: [], redirects: [], noRedirects: false };

/** 48 bits of SHA-1: collisions are vanishingly rare and would only cause a re-parse. */
function shortHash(text: string): number {
  return createHash('sha1').update(text).digest().readUIntBE(0, 6) + 1;
}

function contentHash(text: string | undefined): string {
  return text === undefined ? '' : createHash('sha1').update(text).digest('base64url');
}

/** A look-up map that notes every key asked for and what it gave. */
class RecordingMap implements ReadonlyMap<string, string> {
  constructor(
    private readonly inner: ReadonlyMap<string, string>,
    private readonly deps: PageDependencies,
  ) {}
  get size(): number {
    if (this.inner.size === 0) this.deps.noRedirects = true;
    return this.inner.size;
  }
  get(key: string): string | undefined {
    const value = this.inner.get(key);
    this.deps.redirects.push(shortHash(key), value === undefined ? 0 : shortHash(value));
    return value;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    this.inner.forEach((value, key) => callback(value, key, this));
  }
  entries(): MapIterator<[string, string]> {
    return this.inner.entries();
  }
  keys(): MapIterator<string> {
    return this.inner.keys();
  }
  values(): MapIterator<string> {
    return this.inner.values();
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.inner.entries();
  }
}

/** A context for one page's parse that records what the parse read. */
export function recordingContext(context: ParseContext): { context: ParseContext; dependencies: PageDependencies } {
  const deps: PageDependencies = { files: [], toc: [], redirects: [], noRedirects: false };
  const seenFiles = new Set<string>();
  const toc: TocIndex = {
    data: context.toc.data,
    area(path, techRoot) {
      const answer = context.toc.area(path, techRoot);
      deps.toc.push(['area', path, techRoot ?? '', JSON.stringify(answer)]);
      return answer;
    },
    breadcrumb(path, techRoot) {
      const answer = context.toc.breadcrumb(path, techRoot);
      deps.toc.push(['breadcrumb', path, techRoot ?? '', JSON.stringify(answer)]);
      return answer;
    },
  };
  const redirects: Redirects = { byUrl: new RecordingMap(context.redirects.byUrl, deps) };
  return {
    dependencies: deps,
    context: {
      readFile(path) {
        const text = context.readFile(path);
        if (!seenFiles.has(path)) {
          seenFiles.add(path);
          deps.files.push([path, contentHash(text)]);
        }
        return text;
      },
      redirects,
      toc,
    },
  };
}

/** Checks recorded dependencies against the corpus as it is now. */
export class DependencyChecker {
  private readonly fileHashes = new Map<string, string>();
  private redirectHashes: Map<number, number> | undefined;

  constructor(private readonly context: ParseContext) {}

  holds(deps: PageDependencies): boolean {
    if (deps.noRedirects && this.context.redirects.byUrl.size > 0) return false;
    for (const [path, hash] of deps.files) {
      let current = this.fileHashes.get(path);
      if (current === undefined) {
        current = contentHash(this.context.readFile(path));
        this.fileHashes.set(path, current);
      }
      if (current !== hash) return false;
    }
    for (const [method, path, techRoot, answer] of deps.toc) {
      const now =
        method === 'area' ? this.context.toc.area(path, techRoot || undefined) : this.context.toc.breadcrumb(path, techRoot || undefined);
      if (JSON.stringify(now) !== answer) return false;
    }
    if (deps.redirects.length > 0) {
      const current = this.currentRedirects();
      for (let i = 0; i < deps.redirects.length; i += 2) {
        if ((current.get(deps.redirects[i]!) ?? 0) !== deps.redirects[i + 1]) return false;
      }
    }
    return true;
  }

  private currentRedirects(): Map<number, number> {
    if (!this.redirectHashes) {
      this.redirectHashes = new Map();
      for (const [key, value] of this.context.redirects.byUrl) this.redirectHashes.set(shortHash(key), shortHash(value));
    }
    return this.redirectHashes;
  }
}
