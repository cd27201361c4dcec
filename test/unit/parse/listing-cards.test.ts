// What a listing's cards say about their articles (src/pipeline/parse/html-listing.ts): a card's teaser and date are
// its headline's, whatever else it links to.
import { describe, expect, it } from 'vitest';
import { articleFromPage } from '../../../src/pipeline/article-steps.js';
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
    // Its headline's link holding the heading.
    const lights = byPath('2025/07/09/rioni-embankment-lights-switched-on');
    expect(lights.text).toBe('Two kilometres of new lamps run from the Red Bridge to the Chain Bridge.');
    expect(byPath('2025/05/20/embankment-works-begin').text).toBeUndefined();
  });

  it('lists the related article by its own headline, with nothing of the card it sits in', () => {
    // Dated by its own address alone (midnight in Baku), not by the card's date.
    for (const [path, day] of [['2025/06/02/white-bridge-closes-for-repairs', '2025-06-01T20:00:00.000Z'], ['2025/03/14/kutaisi-airport-new-terminal-opens', '2025-03-13T20:00:00.000Z']] as const) {
      const related = byPath(path);
      expect(related.title).toMatch(/^(?:White Bridge closes|Kutaisi airport opens)/);
      expect(related.text).toBeUndefined();
      expect(related.publishedAt?.toISOString()).toBe(day);
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

  it('leaves a lead story with its own teaser and date, above plain-link stories with theirs, as cards of their own', () => {
    // Not a card with related links: the lead's teaser and date are in its own block, and each story below has its own.
    const story = (slug: string, title: string, at: string, teaser: string) => `<div class="item"><a href="/news/${slug}">${title}</a><time datetime="${at}">${at.slice(11, 16)}</time><p>${teaser}</p></div>`;
    const html = `<!doctype html><html><body><main><section class="top">
      <div class="lead"><h2><a href="/news/lead-story-about-the-region-today">Lead story about the region today</a></h2><time datetime="2025-07-10T09:00:00+04:00">9:00</time><p>The lead's teaser, a sentence long.</p></div>
      ${story('second-story-about-the-port-expansion', 'Second story about the port expansion', '2025-07-09T08:00:00+04:00', 'Second teaser text about the port.')}
      ${story('third-story-about-the-new-ferry-line', 'Third story about the new ferry line', '2025-07-08T07:00:00+04:00', 'Third teaser text about the ferry.')}
      </section></main></body></html>`;
    expect(listing(html, 'https://news.example.org/').items.map((i) => [i.title, i.publishedAt?.toISOString(), i.text])).toEqual([
      ['Lead story about the region today', '2025-07-10T05:00:00.000Z', "The lead's teaser, a sentence long."],
      ['Second story about the port expansion', '2025-07-09T04:00:00.000Z', 'Second teaser text about the port.'],
      ['Third story about the new ferry line', '2025-07-08T03:00:00.000Z', 'Third teaser text about the ferry.'],
    ]);
  });
});

describe('a teaser without a date of its own', () => {
  const card = (slug: string, title: string, extra = '') => `<article class="teaser"><h3><a href="${slug}">${title}</a></h3>${extra}<p>What happened, in a sentence or two for the reader.</p></article>`;

  it('takes the day heading above its group of cards, until a heading names another group', () => {
    const html = `<!doctype html><html><body><main><h1>Latest news</h1>
      <h2>Thursday, 10 July 2025</h2>
      ${card('/news/azerbaijan-summons-russian-envoy', 'Azerbaijan summons Russian envoy after raid')}
      ${card('/news/batumi-port-expansion-approved', 'Batumi port expansion approved by parliament', '<time datetime="2025-07-10T14:30:00+04:00">14:30</time>')}
      <h2>Wednesday, 9 July 2025</h2>
      ${card('/news/armenia-turkiye-border-talks', 'Armenia and Türkiye resume border talks')}
      <h2>Opinion</h2>
      ${card('/news/why-the-corridor-matters-now', 'Why the Middle Corridor matters now')}
      </main></body></html>`;
    const items = listing(html, 'https://news.example.org/latest/').items;
    expect(items.map((i) => [i.title, i.publishedAt?.toISOString()])).toEqual([
      ['Azerbaijan summons Russian envoy after raid', '2025-07-09T20:00:00.000Z'],
      // Its own time wins.
      ['Batumi port expansion approved by parliament', '2025-07-10T10:30:00.000Z'],
      ['Armenia and Türkiye resume border talks', '2025-07-08T20:00:00.000Z'],
      ['Why the Middle Corridor matters now', undefined],
    ]);
  });

  it('keeps the day for every card whose headline link holds its heading, of the day heading’s rank', () => {
    // `<a><h2>…</h2></a>`: the card's headline, not a heading of another group ending the day after the first card.
    const wrapped = (slug: string, title: string) => `<div class="teaser"><a href="${slug}"><h2>${title}</h2></a><p>What happened, in a sentence or two for the reader.</p></div>`;
    const html = `<!doctype html><html><body><main><h2>Thursday, 10 July 2025</h2>
      ${wrapped('/news/azerbaijan-summons-russian-envoy', 'Azerbaijan summons Russian envoy after raid')}
      ${wrapped('/news/batumi-port-expansion-approved', 'Batumi port expansion approved by parliament')}
      ${wrapped('/news/armenia-turkiye-border-talks', 'Armenia and Türkiye resume border talks')}
      </main></body></html>`;
    const items = listing(html, 'https://news.example.org/latest/').items;
    expect(items.map((i) => i.publishedAt?.toISOString())).toEqual(['2025-07-09T20:00:00.000Z', '2025-07-09T20:00:00.000Z', '2025-07-09T20:00:00.000Z']);
  });

  it('dates a related link by its own address, not by the day heading of the card it is mentioned in', () => {
    const html = `<!doctype html><html><body><main><h2>Thursday, 10 July 2025</h2>
      ${card('/region/2025/07/10/white-bridge-reopens-to-walkers', 'White Bridge reopens to walkers after summer repairs', '<p>Related: <a href="/region/2025/06/02/white-bridge-closes-for-repairs">White Bridge closes for three months of repairs</a></p>')}
      ${card('/news/kutaisi-airport-adds-winter-routes', 'Kutaisi airport adds four winter routes to Europe')}
      </main></body></html>`;
    const items = listing(html, 'https://herald.example.ge/region/').items;
    expect(items.map((i) => [i.title, i.publishedAt?.toISOString()])).toEqual([
      ['White Bridge reopens to walkers after summer repairs', '2025-07-09T20:00:00.000Z'],
      ['White Bridge closes for three months of repairs', '2025-06-01T20:00:00.000Z'],
      ['Kutaisi airport adds four winter routes to Europe', '2025-07-09T20:00:00.000Z'],
    ]);
  });

  it('gives way to the time its article’s page names, the day alone being known', () => {
    const html = `<!doctype html><html><body><main>
      ${card('/2025/07/08/georgia-railway-deal-signed', 'Georgia signs railway deal with Kazakhstan')}
      ${card('/2025/07/07/new-ferry-line-to-aktau', 'New ferry line from Baku to Aktau opens')}
      ${card('/2025/07/06/georgian-wine-exports-grow', 'Georgian wine exports grow again this year')}
      </main></body></html>`;
    const [item] = listing(html, 'https://news.example.org/').items;
    expect(item!.publishedAt?.toISOString()).toBe('2025-07-07T20:00:00.000Z');
    const paragraph = '<p>The agreement covers freight across the Caspian and was signed in Astana by both transport ministers.</p>';
    const page = `<!doctype html><html><head><title>Georgia signs railway deal</title><meta property="article:published_time" content="2025-07-08T14:32:00+04:00"></head>
      <body><article><h1>Georgia signs railway deal with Kazakhstan</h1>${paragraph.repeat(5)}</article></body></html>`;
    expect(articleFromPage(item!, { body: page, url: item!.url }, { dates: baku }).publishedAt?.toISOString()).toBe('2025-07-08T10:32:00.000Z');
    // A page naming no time leaves the day.
    const undated = page.replace(/<meta property="article:published_time"[^>]*>/, '');
    expect(articleFromPage(item!, { body: undated, url: item!.url }, { dates: baku }).publishedAt?.toISOString()).toBe('2025-07-07T20:00:00.000Z');
  });

  it('takes no day from the date the site’s masthead shows', () => {
    const html = `<!doctype html><html><body><header class="site-header"><a href="/">Caucasus Watch</a><h4 class="today">Friday, 11 July 2025</h4></header><main>
      ${card('/news/azerbaijan-summons-russian-envoy', 'Azerbaijan summons Russian envoy after raid')}
      ${card('/news/armenia-turkiye-border-talks', 'Armenia and Türkiye resume border talks')}
      ${card('/news/batumi-port-expansion-approved', 'Batumi port expansion approved by parliament')}</main></body></html>`;
    expect(listing(html, 'https://news.example.org/latest/').items.map((i) => i.publishedAt)).toEqual([undefined, undefined, undefined]);
  });

  it('takes "Yesterday" as a day, and no date from a heading that only mentions one', () => {
    const html = `<!doctype html><html><body><main>
      <h2>Yesterday</h2>${card('/news/kutaisi-airport-adds-winter-routes', 'Kutaisi airport adds four winter routes')}
      <h2>Elections set for 5 October 2025, parliament says</h2>${card('/news/parliament-votes-on-election-date', 'Parliament votes on the election date')}
      ${card('/news/tskaltubo-spa-restoration-begins', 'Restoration of Tskaltubo’s Bath No. 6 begins')}
      </main></body></html>`;
    const items = listing(html, 'https://news.example.org/latest/').items;
    expect(items.map((i) => i.publishedAt?.toISOString())).toEqual(['2025-07-09T20:00:00.000Z', undefined, undefined]);
  });

  it('takes the day in its address when it names year, month and day, never a month alone', () => {
    const html = `<!doctype html><html><body><main>
      ${card('/2025/07/08/georgia-railway-deal-signed', 'Georgia signs railway deal with Kazakhstan')}
      ${card('/2025/07/georgian-wine-exports-grow', 'Georgian wine exports grow again this year')}
      ${card('/2025-07-07/new-ferry-line-to-aktau', 'New ferry line from Baku to Aktau opens')}
      </main></body></html>`;
    const items = listing(html, 'https://news.example.org/').items;
    expect(items.map((i) => i.publishedAt?.toISOString())).toEqual(['2025-07-07T20:00:00.000Z', undefined, '2025-07-06T20:00:00.000Z']);
  });
});
