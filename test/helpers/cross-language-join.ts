// The checks every language whose names are read without capitals gets (ADR 5): its report joins the English story of
// the same event, and its report of another event with the same people does not, in the preview and on the database
// path. Each database case gets a database of its own: two reports in one language share words and could join each
// other, which is clustering within a language, not what these tests are about.
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { clusterInMemory } from '../../src/ingest/cluster-in-memory.js';
import { placeArticle } from '../../src/pipeline/dedupe/story-choice.js';
import type { ProcessedArticle } from '../../src/pipeline/types.js';
import { createTestDatabase } from './db.js';
import { storyStore } from './story-store.js';

export interface Report {
  title: string;
  text: string;
  language: string;
}

export interface JoinCase {
  /** The language's name, for the tests' titles. */
  language: string;
  english: Report;
  sameEvent: Report;
  otherEvent: Report;
  /** Stored first: unrelated news in English and in the language. */
  background: Report[];
  /** The report as the pipeline finishes it (tags, countries, terms). */
  finished: (a: Report) => ProcessedArticle;
}

export function joinsTheEnglishStory({ language, english, sameEvent, otherEvent, background, finished }: JoinCase): void {
  it(`joins a ${language} report to the English story of the same event, not one of another event (preview)`, async () => {
    const titles = async (reports: Report[]) => (await clusterInMemory(reports.map(finished), placeArticle)).map((s) => s.map((a) => a.title));
    expect(await titles([...background, english, sameEvent])).toContainEqual([english.title, sameEvent.title]);
    // The same people and countries, nothing else: another event.
    const other = await titles([...background, english, otherEvent]);
    expect(other).toContainEqual([english.title]);
    expect(other).toContainEqual([otherEvent.title]);
  });

  describe('on the database path', () => {
    const dbs: Database[] = [];
    afterAll(async () => {
      for (const db of dbs) await db.close();
    });

    /** A new database holding the background, and the story of the English report stored after it. */
    async function withEnglishStored(): Promise<{ store: (a: Report) => Promise<number | null>; story: number | null }> {
      const db = await createTestDatabase();
      dbs.push(db);
      const store = storyStore(db, finished);
      for (const b of background) await store(b);
      return { store, story: await store(english) };
    }

    it(`joins the ${language} report of the same event, as the preview does`, async () => {
      const { store, story } = await withEnglishStored();
      expect(await store(sameEvent)).toBe(story);
    });

    it(`keeps the ${language} report of another event apart, as the preview does`, async () => {
      const { store, story } = await withEnglishStored();
      expect(await store(otherEvent)).not.toBe(story);
    });
  });
}
