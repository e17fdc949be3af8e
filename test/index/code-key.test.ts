// The code key decides when an index or the parse cache is stale: it must cover every module
// the build reaches (a new parsing module included) and nothing else.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexState, openIndex } from '../../indexer/load-index.ts';
import { BUILD_ENTRY, codeKey, PARSE_ENTRY, reachableModules } from '../../indexer/persist/code-key.ts';
import { IndexFileError, writeContainer } from '../../indexer/persist/container.ts';
import { computeBuildKey } from '../../indexer/persist/index-meta.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { fixtureCorpusDir } from '../parse/fixture-corpus.ts';

describe('modules reachable from the entries', () => {
  it('the parse entry reaches every parsing module, the corpus rules and the chunker', () => {
    const reached = reachableModules(PARSE_ENTRY);
    const parsing = readdirSync('indexer/parse').map((name) => `indexer/parse/${name}`);
    expect(parsing.filter((file) => !reached.includes(file))).toEqual([]);
    expect(reached).toEqual(expect.arrayContaining(['corpus/sources.ts', 'corpus/urls.ts', 'indexer/chunker.ts']));
  });

  it('the build entry reaches the parse worker (loaded by URL), the schema and persistence, not the query side', () => {
    const reached = reachableModules(BUILD_ENTRY);
    expect(reached).toEqual(
      expect.arrayContaining([PARSE_ENTRY, 'indexer/schema.ts', 'indexer/orama/bm25f-index.ts', 'indexer/persist/container.ts']),
    );
    expect(reached).not.toContain('indexer/search.ts');
    expect(reached).not.toContain('bot/answer/engine.ts');
  });
});

describe('codeKey', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  const tree = (files: Record<string, string>): string => {
    const root = mkdtempSync(path.join(tmpdir(), 'ddb-code-key-'));
    roots.push(root);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  };
  const base = {
    'src/entry.ts': "import { b } from './lib/b.ts';\nconst worker = new URL('./worker.ts', import.meta.url);\n",
    'src/lib/b.ts': "export { c } from '../c.ts';\nexport const b = 1;\n",
    'src/c.ts': 'export const c = 1;\n',
    'src/worker.ts': 'export {};\n',
    'src/unused.ts': 'export const unused = 1;\n',
    'package-lock.json': '{}',
  };

  it('changes when any reachable module or the lock file changes, not for other files', () => {
    const key = codeKey('src/entry.ts', tree(base));
    expect(codeKey('src/entry.ts', tree({ ...base, 'src/unused.ts': 'export const unused = 2;\n' }))).toBe(key);
    for (const changed of ['src/lib/b.ts', 'src/c.ts', 'src/worker.ts', 'package-lock.json']) {
      const root = tree(base);
      writeFileSync(path.join(root, changed), '// edited\n', { flag: 'a' });
      expect(codeKey('src/entry.ts', root), changed).not.toBe(key);
    }
  });
});

describe('an index file written by other indexing code', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ddb-format-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // MAGIC "DDB-INDEX\n" | u32 header length | SHA-1 of the header | header JSON | ...
  const LENGTH_AT = 'DDB-INDEX\n'.length;
  const CHECKSUM_AT = LENGTH_AT + 4;
  const HEADER_AT = CHECKSUM_AT + 20;

  function writeCurrentIndex(): { settings: ReturnType<typeof readIndexSettings>; bytes: Buffer } {
    const settings = readIndexSettings({ CORPUS_DIR: fixtureCorpusDir, DATA_DIR: dataDir });
    const meta = { buildKey: computeBuildKey(settings.corpusDir), builtAt: '', pages: 0, chunks: 0, skipped: 0 };
    writeContainer(settings.indexFile, meta, { pages: new Uint8Array(0) });
    expect(indexState(settings).status).toBe('current');
    return { settings, bytes: readFileSync(settings.indexFile) };
  }

  it('is stale (rebuilt), not damaged, and never opened', () => {
    const { settings, bytes } = writeCurrentIndex();
    const ours = codeKey(BUILD_ENTRY);
    const at = bytes.indexOf(ours, 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    bytes.write('0'.repeat(ours.length), at, 'latin1');
    // Other code writes a whole file: its header checksum matches its header.
    const headerEnd = HEADER_AT + bytes.readUInt32LE(LENGTH_AT);
    createHash('sha1').update(bytes.subarray(HEADER_AT, headerEnd)).digest().copy(bytes, CHECKSUM_AT);
    writeFileSync(settings.indexFile, bytes);
    expect(indexState(settings)).toEqual({ status: 'stale', reason: 'written by other indexing code' });
    expect(() => openIndex(settings.indexFile)).toThrow(IndexFileError);
  });

  it('from code before the header checksum (header right after its length) is stale too', () => {
    const { settings, bytes } = writeCurrentIndex();
    writeFileSync(settings.indexFile, Buffer.concat([bytes.subarray(0, CHECKSUM_AT), bytes.subarray(HEADER_AT)]));
    expect(indexState(settings)).toEqual({ status: 'stale', reason: 'written by other indexing code' });
    expect(() => openIndex(settings.indexFile)).toThrow(IndexFileError);
  });

  it('with a damaged header is damaged, not stale', () => {
    const { settings, bytes } = writeCurrentIndex();
    bytes[HEADER_AT] = 0x20; // the header's opening brace
    writeFileSync(settings.indexFile, bytes);
    expect(indexState(settings).status).toBe('damaged');
  });
});
