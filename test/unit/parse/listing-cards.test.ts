// What a listing's cards say about their articles (src/pipeline/parse/html-listing.ts): a card's teaser and date are
// its headline's, whatever else it links to.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { baku, fetched, fixture } from './helpers.js';

const listing = (html: string, url: string) => parseSource(fetched(html, url, 'text/html'), { dates: baku, kind: 'listing' });

describe('a card with a related link after its teaser', () => {
  const result = listing(fixture('listing-related-links.html'), 'https://herald.example.ge/region/');
  const byPath = (path: string) => result.items.find((i) => i.url === `https://herald.example.ge/region/${path}`)!;

  it('keeps the teaser, date and byline with the card’s headline', () => {
    const bridge = byPath('2025/07/10/white-bridge-reopens-to-walkers');
    expect(bridge.text).toBe('New glass panels were fitted over the Rioni; cyclists must still walk their bikes across.');
    expect(bridge.publishedAt?.toISOString()).toBe('2025-07-10T05:00:00.000Z');
    expect(bridge.author).toBe('Nino Beridze');
    expect(bridge.imageUrl).toBe('https://herald.example.ge/img/bridge.jpg');
    // Its teaser and date in a block of their own, beside the heading's, where the related link is too.
    const airport = byPath('2025/07/09/kutaisi-airport-adds-winter-routes');
    expect(airport.text).toBe('Flights to Vilnius, Katowice, Larnaca and Memmingen start in November.');
    expect(airport.publishedAt?.toISOString()).toBe('2025-07-08T20:00:00.000Z');
  });

  it('lists the related article by its own headline, with nothing of the card it sits in', () => {
    for (const path of ['2025/06/02/white-bridge-closes-for-repairs', '2025/03/14/kutaisi-airport-new-terminal-opens']) {
      const related = byPath(path);
      expect(related.title).toMatch(/^(?:White Bridge closes|Kutaisi airport opens)/);
      expect(related.text).toBeUndefined();
      expect(related.publishedAt).toBeUndefined();
    }
  });

  it('leaves a story list of one lead and several plain links as cards of their own', () => {
    const river = (n: number) => `<li><a href="/region/2025/07/0${n}/river-story-number-${n}">River story number ${n} from the region</a> <time datetime="2025-07-0${n}">${n} July</time></li>`;
    const html = `<html><body><main><section><h2><a href="/region/2025/07/10/lead-story-of-the-day">The lead story of the day in the region</a></h2><p>The lead's teaser.</p><ul>${[1, 2, 3].map(river).join('')}</ul></section></main></body></html>`;
    const items = listing(html, 'https://herald.example.ge/region/').items;
    expect(items.slice(1).map((i) => [i.title, i.publishedAt?.toISOString().slice(0, 10)])).toEqual([
      ['River story number 1 from the region', '2025-06-30'],
      ['River story number 2 from the region', '2025-07-01'],
      ['River story number 3 from the region', '2025-07-02'],
    ]);
  });
});
