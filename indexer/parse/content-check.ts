// Rejects files that are not documentation text before any parsing work is spent on them.

import { ParseError } from './errors.ts';

const SAMPLE_LENGTH = 8192;
/** Share of control or replacement characters above which a file is treated as binary. */
const MAX_JUNK_SHARE = 0.05;

export function assertUsableText(raw: string): void {
  if (raw.includes('\u0000')) throw new ParseError('binary content (NUL bytes)');
  if (raw.trim() === '') throw new ParseError('empty file');
  const sample = raw.length > SAMPLE_LENGTH ? raw.slice(0, SAMPLE_LENGTH) : raw;
  // Control characters other than tab/newline/CR/form feed, and U+FFFD from a failed UTF-8 decode.
  const junk = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  if (junk / sample.length > MAX_JUNK_SHARE) throw new ParseError('binary content (not UTF-8 text)');
}
