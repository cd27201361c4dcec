import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { baku, fetched, seedDir } from './helpers.js';

const forumPath = `${seedDir}000_b3421202f4057a70.txt`;
const tagPagePath = `${seedDir}004_a284c9c23bdb87fa.txt`;
const fileUrl = (path: string) => new URL(`file://${path}`).toString();

describe('seed 000: a forum post captured as plain text', () => {
  const result = parseSource(fetched(readFileSync(forumPath, 'utf8'), fileUrl(forumPath), 'text/plain'), { dates: baku });
  const post = result.items[0]!;

  it('is one post of a thread', () => {
    expect(result.kind).toBe('thread');
    expect(result.items).toHaveLength(1);
    // Named by its poster and opening (parse/post-name.ts), not its place.
    expect(post.url).toMatch(new RegExp(`^${fileUrl(forumPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#post-h[0-9a-f]{12}$`));
    expect(post.needsFetch).toBe(false);
  });

  it('is dated yesterday 09:20 in the source timezone, not at the quoted post’s 09:10', () => {
    // Fetched 11 July 12:00 in Baku (UTC+4): yesterday 09:20 there is 05:20 UTC on 10 July.
    expect(post.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
  });

  it('carries the poster’s own analysis, without the quoted post or its video link', () => {
    expect(post.text).toMatch(/^Once a close partner of Kremlin, Baku now presents itself/);
    expect(post.text).not.toContain('Tee tiong huat');
    expect(post.text).not.toContain('Wrote:');
    expect(post.text).not.toContain('youtu.be');
    expect(post.text).not.toContain('openly challenging');
    expect(post.text).toContain('drawing a line early is a way of...');
    expect(post.text).toContain('Seven Russian journalists');
  });

  it('has a title made from the first sentence, cut at a word boundary within 120 characters', () => {
    expect(post.title!.length).toBeLessThanOrEqual(120);
    expect(post.title).toMatch(/^Once a close partner of Kremlin, Baku now presents itself as a regional actor/);
    expect(post.title).toMatch(/\w…$/);
    expect(post.text!.startsWith(post.title!.slice(0, -1))).toBe(true);
  });
});

describe('seed 004: an aggregator tag page captured as plain text', () => {
  const result = parseSource(fetched(readFileSync(tagPagePath, 'utf8'), fileUrl(tagPagePath), 'text/plain'), { dates: baku });
  const [jazeera, arabiya] = result.items;

  it('is a listing of two articles that carry their own text', () => {
    expect(result.kind).toBe('listing');
    expect(result.title).toBe('Latest news with #diplomaticConflict');
    expect(result.items).toHaveLength(2);
    expect(result.items.every((i) => !i.needsFetch)).toBe(true);
  });

  it('reads titles, outlets and categories from the header and bullet lines', () => {
    expect(jazeera!.title).toBe("The South Caucasus is slipping from Russia's grasp");
    expect(arabiya!.title).toBe('Cambodia Accuses Thailand of Escalating Tensions With New Land Crossing Restrictions');
    expect(jazeera!.sourceName).toBe('Al Jazeera');
    expect(arabiya!.sourceName).toBe('Al Arabiya');
    expect(jazeera!.categories).toEqual(['Politics']);
    expect(arabiya!.categories).toEqual(['Politics']);
  });

  it('reads time10-07-2025 day first: 10 July and 24 June 2025, midnight in the source timezone', () => {
    expect(jazeera!.publishedAt?.toISOString()).toBe('2025-07-09T20:00:00.000Z');
    expect(arabiya!.publishedAt?.toISOString()).toBe('2025-06-23T20:00:00.000Z');
  });

  it('keeps only the body: no furniture, repeated titles or bullet lines', () => {
    expect(jazeera!.text).toMatch(/^The recent flare-up between Russia and Azerbaijan/);
    expect(jazeera!.text).toMatch(/editorial stance\.$/);
    expect(arabiya!.text).toMatch(/^Cambodia's government on Tuesday accused Thailand/);
    expect(arabiya!.text).toMatch(/where the syndicates were based\.$/);
    for (const item of [jazeera!, arabiya!]) {
      expect(item.text).not.toMatch(/DOWNLOAD THE APP|Download the App|app-store|Ready to dive|•|time\d|^logo/);
      expect(item.text).not.toContain(item.title!);
    }
  });

  it('synthesizes stable URLs from the page URL and a slug of the title', () => {
    expect(jazeera!.url).toBe(`${fileUrl(tagPagePath)}#the-south-caucasus-is-slipping-from-russias-grasp`);
    expect(arabiya!.url).toMatch(new RegExp(`^${fileUrl(tagPagePath).replace(/[.]/g, '\\.')}#cambodia-accuses-thailand-of-escalating`));
    const again = parseSource(fetched(readFileSync(tagPagePath, 'utf8'), fileUrl(tagPagePath), 'text/plain'), { dates: baku });
    expect(again.items.map((i) => i.url)).toEqual(result.items.map((i) => i.url));
  });

  it('returns the keys of this fetch and leaves out items seen at the last one', () => {
    expect(result.keys).toEqual(result.items.map((i) => i.url));
    const next = parseSource(fetched(readFileSync(tagPagePath, 'utf8'), fileUrl(tagPagePath), 'text/plain'), { dates: baku, seenKeys: [result.keys[0]!] });
    expect(next.items.map((i) => i.title)).toEqual([arabiya!.title]);
    expect(next.keys).toEqual(result.keys);
  });
});
