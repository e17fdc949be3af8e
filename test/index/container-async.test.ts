// readContainerAsync (used by reloads): the same result as readContainer, and the same
// damage reported, with the read and the checksums off the event loop.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexFileError, jsonBlob, readContainer, readContainerAsync, writeContainer } from '../../indexer/persist/container.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ddb-container-async-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = () => ({
  label: 'async-marker-Kp4',
  pages: jsonBlob([{ path: 'a.md' }, { path: 'b.md' }]),
  postings: new Uint32Array([0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a, 7]),
  nested: { weights: new Float64Array([0.5, 2]) },
});

describe('readContainerAsync', () => {
  it('reads what readContainer reads', async () => {
    const file = path.join(dir, 'same.idx');
    writeContainer(file, { schemaVersion: 2 }, data());
    const asyncRead = await readContainerAsync(file);
    expect(asyncRead).toEqual(readContainer(file));
    expect((asyncRead.data as ReturnType<typeof data>).postings).toBeInstanceOf(Uint32Array);
  });

  it('rejects a flipped byte inside a typed array with a checksum error', async () => {
    const file = path.join(dir, 'flipped.idx');
    writeContainer(file, { schemaVersion: 2 }, data());
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from(new Uint32Array([0x5a5a5a5a, 0x5a5a5a5a]).buffer));
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt8(bytes.readUInt8(at + 2) ^ 0x01, at + 2);
    writeFileSync(file, bytes);
    await expect(readContainerAsync(file)).rejects.toThrow(/checksum/);
  });

  it('rejects a file that is not a container', async () => {
    const file = path.join(dir, 'junk.idx');
    writeFileSync(file, 'this is not an index file');
    await expect(readContainerAsync(file)).rejects.toBeInstanceOf(IndexFileError);
  });
});
