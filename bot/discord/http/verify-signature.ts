// Discord signs every interaction it POSTs: Ed25519 over X-Signature-Timestamp + raw body,
// with the application's public key (hex, from the developer portal). node:crypto verifies
// Ed25519 given the key as SPKI DER: a fixed 12-byte prefix, then the 32 raw key bytes.
import { type KeyObject, createPublicKey, verify } from 'node:crypto';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/;
const TIMESTAMP = /^\d{1,12}$/;

/** Requests signed longer ago than this (or this far in the future) are replays or clock trouble. */
const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'stale' | 'bad-signature';

export function publicKeyFromHex(hex: string): KeyObject {
  if (!HEX_KEY.test(hex)) throw new Error('an Ed25519 public key is 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** Checks a request's signature headers against its raw body. Never throws. */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds: number = Date.now() / 1000,
): SignatureCheck {
  if (signature === undefined || timestamp === undefined) return 'missing';
  if (!HEX_SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) return 'malformed';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return 'stale';
  try {
    const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
    return verify(null, signed, key, Buffer.from(signature, 'hex')) ? 'ok' : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}
