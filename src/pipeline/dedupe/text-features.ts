// Text features for dedupe: normalized word tokens and a content hash.
import { createHash } from 'node:crypto';

/** Lower-cased, accent-free word tokens (letters and digits of any script). */
export function wordTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Below this many words a "same hash" says little (two one-line teasers can match by accident).
const minHashedWords = 40;

/** Hash of the normalized text; equal hashes mean the same article under two URLs. Null for very short texts. */
export function contentHash(text: string): string | null {
  const tokens = wordTokens(text);
  if (tokens.length < minHashedWords) return null;
  return createHash('sha256').update(tokens.join(' ')).digest('hex');
}
