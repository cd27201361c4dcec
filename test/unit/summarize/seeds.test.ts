// The seed documents (test/fixtures/seeds, copied as captured): each of the three articles must get a
// summary of 2–4 whole sentences from its own text, without page furniture, the forum's quoted post or timestamps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinSummary, summarizeOffline } from '../../../src/pipeline/summarize/index.js';
import { isFurniture } from '../../../src/pipeline/summarize/furniture.js';

const SEEDS = new URL('../../fixtures/seeds/', import.meta.url);
const forum = readFileSync(new URL('000_b3421202f4057a70.txt', SEEDS), 'utf8');
const aggregator = readFileSync(new URL('004_a284c9c23bdb87fa.txt', SEEDS), 'utf8');

const FURNITURE_WORDS = /download|app-store|play-store|logo|views expressed|editorial stance|wrote:|youtu|yesterday|time\d|#diplomatic|politics$|ready to dive/i;

function expectGoodSummary(sentences: string[], source: string): void {
  expect(sentences.length).toBeGreaterThanOrEqual(2);
  expect(sentences.length).toBeLessThanOrEqual(4);
  const joined = joinSummary(sentences);
  expect(joined.length).toBeLessThanOrEqual(600);
  expect(joined).toBe(sentences.join(' '));
  const flat = source.replace(/\s+/g, ' ');
  for (const sentence of sentences) {
    expect(sentence).toMatch(/[.!?]['"’”]?$/);
    expect(sentence).toMatch(/^[A-Z'"‘“]/);
    expect(isFurniture(sentence)).toBe(false);
    expect(sentence).not.toMatch(FURNITURE_WORDS);
    expect(flat).toContain(sentence);
  }
}

/** The aggregator page's two articles, as an extractor that splits the page would hand them over. */
function section(from: string, to: string | undefined): string {
  const start = aggregator.indexOf(from);
  return aggregator.slice(start, to === undefined ? undefined : aggregator.indexOf(to, start));
}

describe('seed documents', () => {
  it('summarizes the forum post from its own analysis, not the quoted post or the timestamp', () => {
    const sentences = summarizeOffline({ title: 'Azerbaijan is openly challenging Russia’s influence', text: forum, language: 'en' });
    expectGoodSummary(sentences, forum);
    expect(sentences.join(' ')).toMatch(/Baku|Azerbaijan/);
    expect(sentences.join(' ')).not.toContain('Tee tiong huat');
    // The post is cut off ("…is a way of..."): that fragment is not a sentence.
    expect(sentences.join(' ')).not.toMatch(/a way of\.\.\./);
  });

  it('summarizes the Al Jazeera opinion piece without its disclaimer', () => {
    const text = section('The South Caucasus is slipping', 'Cambodia Accuses');
    const sentences = summarizeOffline({ title: "The South Caucasus is slipping from Russia's grasp", text, language: 'en' });
    expectGoodSummary(sentences, text);
    expect(sentences.join(' ')).toMatch(/Azerbaijan/);
  });

  it('summarizes the Al Arabiya report without the app promotion that follows it', () => {
    const text = section('Cambodia Accuses Thailand', undefined);
    const sentences = summarizeOffline({
      title: 'Cambodia Accuses Thailand of Escalating Tensions With New Land Crossing Restrictions',
      text,
      language: 'en',
    });
    expectGoodSummary(sentences, text);
    expect(sentences[0]).toMatch(/^Cambodia's government on Tuesday accused Thailand/);
  });

  it('finds no furniture even when handed the whole aggregator page', () => {
    const sentences = summarizeOffline({ title: 'Latest news with #diplomaticConflict', text: aggregator, language: 'en' });
    expectGoodSummary(sentences, aggregator);
  });
});
