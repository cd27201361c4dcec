// docs/topics.md and docs/regions.md document the lexicon and the default regions the code uses; these tests keep
// the tables and the modules in step (one source of truth: the modules; the docs must show exactly them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COUNTRY_SCORING } from '../../../src/pipeline/tag/countries.js';
import { DEFAULT_TOPIC_SCORING } from '../../../src/pipeline/tag/topics.js';
import { TOPIC_BLOCKING_PHRASES, TOPICS } from '../../../src/pipeline/tag/topic-lexicon.js';
import { defaultRegions } from '../../../src/pipeline/tag/index.js';

const DOCS = new URL('../../../docs/', import.meta.url);

/** The rows of the Markdown tables whose first cell is a `code` slug, split into trimmed cells. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

function ticked(cell: string | undefined): string[] {
  return [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

describe('docs/topics.md', () => {
  const markdown = readFileSync(new URL('topics.md', DOCS), 'utf8');
  const rows = tableRows(markdown);

  it('lists every topic of the lexicon, in order, and nothing else', () => {
    expect(rows.map((r) => ticked(r[0])[0])).toEqual(TOPICS.map((t) => t.slug));
  });

  it.each(TOPICS.map((t) => [t.slug, t] as const))('shows the name, cues and synonyms of %s exactly', (slug, topic) => {
    const row = rows.find((r) => ticked(r[0])[0] === slug);
    expect(row?.[1]).toBe(topic.name);
    expect(ticked(row?.[2])).toEqual([...topic.strong]);
    expect(ticked(row?.[3])).toEqual([...topic.cues]);
    expect(ticked(row?.[4])).toEqual([...(topic.synonyms ?? [])]);
  });

  it('lists the ignored phrases and states the scoring the code uses', () => {
    for (const phrase of TOPIC_BLOCKING_PHRASES) expect(markdown).toContain(`\`${phrase}\``);
    expect(markdown).toContain(`at most **${DEFAULT_TOPIC_SCORING.maxTopics}** topics`);
    expect(markdown).toContain(`at least ${DEFAULT_TOPIC_SCORING.minScore} points`);
    expect(markdown).toContain(`${Math.round(DEFAULT_TOPIC_SCORING.minShare * 100)}% of the best`);
  });
});

describe('docs/regions.md', () => {
  const markdown = readFileSync(new URL('regions.md', DOCS), 'utf8');
  const rows = tableRows(markdown);

  it('states the country salience rules the code uses', () => {
    const s = DEFAULT_COUNTRY_SCORING;
    expect(markdown).toContain(`gets +${s.datelineBonus} `);
    expect(markdown).toContain(`score of ${s.minScore} (one plain mention)`);
    expect(markdown).toContain(`${s.minScoreWithDateline} in a dated one`);
    expect(markdown).toContain(`first ${s.leadTokens} words`);
    expect(markdown).toContain(`if it scores ${s.minFallbackScore}`);
  });

  it('lists every default region, in order, with its name, countries and aliases', () => {
    expect(rows.map((r) => ticked(r[0])[0])).toEqual(defaultRegions.map((r) => r.slug));
    for (const region of defaultRegions) {
      const row = rows.find((r) => ticked(r[0])[0] === region.slug);
      expect(row?.[1]).toBe(region.name);
      expect(ticked(row?.[2])).toEqual(region.countries);
      expect((row?.[3] ?? '').split(', ').filter(Boolean)).toEqual(region.aliases ?? []);
    }
  });
});

describe('the lexicon itself', () => {
  it('has unique slugs and no phrase listed twice in one topic', () => {
    expect(new Set(TOPICS.map((t) => t.slug)).size).toBe(TOPICS.length);
    for (const topic of TOPICS) {
      const phrases = [...topic.strong, ...topic.cues];
      expect(new Set(phrases).size, topic.slug).toBe(phrases.length);
    }
  });

  it('uses stems of at least three letters before a star', () => {
    for (const topic of TOPICS) for (const phrase of [...topic.strong, ...topic.cues]) for (const word of phrase.split(' ')) if (word.endsWith('*')) expect(word.length, phrase).toBeGreaterThan(3);
  });

  it('keeps region countries to valid, unique ISO alpha-2 codes', () => {
    for (const region of defaultRegions) {
      expect(new Set(region.countries).size, region.slug).toBe(region.countries.length);
      for (const code of region.countries) expect(code).toMatch(/^[A-Z]{2}$/);
    }
  });
});
