// Shared test inputs: fixture files and FetchResults as the fetch stage would hand them over.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DateContext, FetchResult } from '../../../src/pipeline/types.js';

export const fixtureDir = fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url));
// The seed documents, copied into the repository (test/fixtures/seeds/README.md).
export const seedDir = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));

/** Fetched on 11 July 2025 at noon in Baku (08:00 UTC). */
export const baku: DateContext = { fetchedAt: new Date('2025-07-11T08:00:00Z'), timezone: 'Asia/Baku', dayFirst: true };

export function fixture(name: string): string {
  return readFileSync(fixtureDir + name, 'utf8');
}

export function fetched(body: string, url: string, contentType: string, fetchedAt = baku.fetchedAt): FetchResult {
  return { requestedUrl: url, url, status: 200, notModified: false, contentType, body, fetchedAt };
}
