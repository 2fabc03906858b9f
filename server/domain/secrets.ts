import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret: bearer tokens, session cookies, CSRF tokens. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const newId = (): string => randomUUID();

/** Tokens and session ids are stored as hashes, so a copy of the database lets nobody in. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
