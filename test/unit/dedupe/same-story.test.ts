import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../src/pipeline/dedupe/entities.js';
import { compareArticles, type ClusterFeatures } from '../../../src/pipeline/dedupe/same-story.js';
import { contentHash, minhashSignature, signatureSimilarity } from '../../../src/pipeline/dedupe/text-features.js';
import { isPlaceName } from '../../../src/pipeline/tag/index.js';

const seeds = '../shared/fixtures/seeds';
const forum = readFileSync(`${seeds}/000_b3421202f4057a70.txt`, 'utf8');
const page = readFileSync(`${seeds}/004_a284c9c23bdb87fa.txt`, 'utf8');
const aljazeera = page.slice(page.indexOf('The recent flare-up'), page.indexOf('Cambodia Accuses Thailand'));
const alarabiya = page.slice(page.indexOf("Cambodia's government on Tuesday"), page.indexOf('DOWNLOAD THE APP'));

function features(text: string, countries: string[]): ClusterFeatures {
  return { fingerprint: minhashSignature(text), entities: extractEntities(text).map((e) => e.name), countries };
}

describe('compareArticles', () => {
  it('joins the forum analysis and the Al Jazeera piece on the Azerbaijan–Russia rupture', () => {
    const m = compareArticles(features(forum, ['AZ', 'RU', 'UA']), features(aljazeera, ['AZ', 'RU', 'AM']), { isPlaceName });
    expect(m).toMatchObject({ same: true, reason: 'same-event' });
  });

  it('keeps the Cambodia–Thailand report apart from both', () => {
    const kh = features(alarabiya, ['KH', 'TH']);
    expect(compareArticles(features(forum, ['AZ', 'RU']), kh, { isPlaceName }).same).toBe(false);
    expect(compareArticles(features(aljazeera, ['AZ', 'RU']), kh, { isPlaceName }).same).toBe(false);
  });

  it('keeps a different Azerbaijan story apart even though it names the same places', () => {
    const other =
      'Azerbaijan opened the COP29 climate summit in Baku on Monday. Ilham Aliyev told delegates that oil and gas were a gift of God. ' +
      'The United Nations climate chief Simon Stiell urged Russia and other producers to cut methane. Activists from Greenpeace ' +
      'protested outside the Baku Olympic Stadium, and the European Union negotiator Wopke Hoekstra called for a finance deal.';
    expect(compareArticles(features(forum, ['AZ', 'RU']), features(other, ['AZ', 'RU']), { isPlaceName }).same).toBe(false);
  });

  it('treats a lightly edited copy as a near-duplicate', () => {
    const copy = aljazeera.replace('About 50 people were detained', 'Some 50 people were detained').replace('Meanwhile, ', '');
    const m = compareArticles(features(aljazeera, ['AZ']), features(copy, ['AZ']));
    expect(m.reason).toBe('near-duplicate');
    expect(m.score).toBeGreaterThan(0.8);
  });
});

describe('text features', () => {
  it('hashes text independently of case, accents and spacing, and refuses to hash a teaser', () => {
    expect(contentHash(aljazeera)).toBe(contentHash(`  ${aljazeera.toUpperCase().replace(/ /g, '   ')}`));
    expect(contentHash('Short teaser text.')).toBeNull();
  });

  it('estimates shingle similarity', () => {
    expect(signatureSimilarity(minhashSignature(forum), minhashSignature(forum))).toBe(1);
    expect(signatureSimilarity(minhashSignature(forum), minhashSignature(alarabiya))).toBeLessThan(0.1);
    expect(minhashSignature('')).toEqual([]);
  });
});

describe('place names', () => {
  it('counts countries, demonyms, capitals, metonyms and regions as places, but not the city where it happened', () => {
    for (const n of ['russia', 'azerbaijani', 'baku', 'moscow', 'kremlin', 'south caucasus', 'central asia', 'thai']) expect(isPlaceName(n), n).toBe(true);
    for (const n of ['yekaterinburg', 'sputnik', 'hun manet', 'greenpeace']) expect(isPlaceName(n), n).toBe(false);
  });
});
