import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { baku, fetched, fixture } from './helpers.js';

const parse = (name: string, url: string, contentType: string) => parseSource(fetched(fixture(name), url, contentType), { dates: baku });

function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError');
}

describe('RSS 2.0', () => {
  // Served as text/html, as some servers do: the content decides.
  const feed = parse('rss2-content.xml', 'https://feeds.example.net/caucasus.xml', 'text/html');
  const [full, teaser, truncated] = feed.items;

  it('is recognised as a feed whatever the Content-Type says', () => {
    expect(feed.kind).toBe('feed');
    expect(feed.title).toBe('Caucasus Watch & Friends');
    expect(feed.siteUrl).toBe('https://news.example.org/');
    expect(feed.language).toBe('en-gb');
    expect(feed.items).toHaveLength(3);
  });

  it('resolves relative item links against the site, and links inside content too', () => {
    expect(full!.url).toBe('https://news.example.org/2025/07/10/azerbaijan-summons-russian-envoy');
    expect(full!.html).toContain('src="https://news.example.org/img/baku.jpg"');
    expect(full!.html).toContain('href="https://news.example.org/2025/07/09/earlier-story"');
  });

  it('decodes CDATA, markup in titles and doubly escaped entities', () => {
    expect(full!.title).toBe('Azerbaijan summons Russian envoy after deadly raid');
    expect(teaser!.title).toBe('Tom & Jerry’s “border” talks');
    expect(full!.text).toContain('cancelled cultural events & the arrested journalists');
  });

  it('reads guid, dc:creator, the name in an RSS author, and categories without duplicates', () => {
    expect(full!.guid).toBe('cw-10231');
    expect(full!.author).toBe('Leyla Mammadova');
    expect(teaser!.author).toBe('Armen Petrosyan');
    expect(full!.categories).toEqual(['Politics', 'South Caucasus']);
  });

  it('reads RFC 822 dates with offsets and day-first dates without a zone (in the source timezone)', () => {
    expect(full!.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(teaser!.publishedAt?.toISOString()).toBe('2025-07-09T10:30:00.000Z'); // 09-07-2025 14:30 in Baku
    expect(truncated!.publishedAt?.toISOString()).toBe('2025-07-08T18:00:00.000Z');
  });

  it('takes the image from media:content, else from an image enclosure', () => {
    expect(full!.imageUrl).toBe('https://cdn.example.org/img/envoy.jpg');
    expect(teaser!.imageUrl).toBe('https://cdn.example.org/img/talks.png');
  });

  it('needs no fetch for full content, and a fetch for short or visibly truncated summaries', () => {
    expect(full!.needsFetch).toBe(false);
    expect(full!.text!.length).toBeGreaterThan(500);
    expect(teaser!.needsFetch).toBe(true);
    expect(truncated!.text!.length).toBeGreaterThan(500);
    expect(truncated!.needsFetch).toBe(true);
  });

  it('keys entries by guid, else by canonical URL (tracking parameters dropped)', () => {
    expect(feed.keys).toEqual(['cw-10231', 'https://news.example.org/2025/07/09/border-talks', 'https://news.example.org/?p=998']);
  });
});

describe('a feed whose items share one guid', () => {
  const item = (slug: string, guid: string) => `<item><title>Story ${slug}</title><link>https://site.example/${slug}</link><guid isPermaLink="false">${guid}</guid><description>Text of ${slug}.</description></item>`;
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>https://site.example/</link>${item('a', '1')}${item('b', '1')}${item('c', '1')}${item('d', 'own')}${item('d', 'own')}</channel></rss>`;

  it('keeps every item, known by its link, and still drops a real repeat', () => {
    const feed = parseSource(fetched(rss, 'https://site.example/feed.xml', 'application/rss+xml'), { dates: baku });
    expect(feed.items.map((i) => i.url)).toEqual(['https://site.example/a', 'https://site.example/b', 'https://site.example/c', 'https://site.example/d']);
    expect(feed.keys).toEqual(['https://site.example/a', 'https://site.example/b', 'https://site.example/c', 'own']);
  });
});

describe('Atom with xml:base', () => {
  const feed = parse('atom-xml-base.xml', 'https://blog.example.com/caucasus/atom.xml', 'application/atom+xml');
  const [first, second, third] = feed.items;

  it('resolves links through the feed and entry xml:base', () => {
    expect(first!.url).toBe('https://blog.example.com/caucasus/posts/2025/baku-moscow-rupture.html');
    expect(first!.html).toContain('src="https://blog.example.com/caucasus/img/map.png"');
    expect(first!.imageUrl).toBe('https://blog.example.com/media/rupture.jpg');
    expect(third!.url).toBe('https://blog.example.com/elsewhere/third-entry-on-the-site');
    expect(feed.siteUrl).toBe('https://blog.example.com/caucasus/');
  });

  it('reads html titles, entry and feed authors, labels, published before updated, and the language', () => {
    expect(first!.title).toBe('Baku & Moscow: a rupture');
    expect(first!.author).toBe('Ilkin Aliyev');
    expect(second!.author).toBe('Blog Team');
    expect(first!.categories).toEqual(['Diplomacy', 'russia']);
    expect(first!.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(second!.publishedAt?.toISOString()).toBe('2025-07-09T08:00:00.000Z');
    expect(feed.title).toBe('Кавказский блог');
    expect(feed.language).toBe('ru');
  });

  it('prefers content over summary, and reads xhtml content', () => {
    expect(first!.text).toBe('Relations between Baku and Moscow have reached their lowest point since 1991.');
    expect(second!.html).toContain('<b>resume</b>');
    expect(second!.needsFetch).toBe(false);
    expect(third!.text).toBeUndefined();
    expect(third!.needsFetch).toBe(true);
  });
});

describe('RSS 1.0 (RDF)', () => {
  const feed = parse('rdf.xml', 'https://slashy.example.com/index.rdf', 'application/rdf+xml');

  it('reads items with Dublin Core metadata and relative links', () => {
    expect(feed.kind).toBe('feed');
    expect(feed.language).toBe('en');
    expect(feed.items.map((i) => i.url)).toEqual([
      'https://slashy.example.com/story/25/07/10/1234.shtml',
      'https://slashy.example.com/story/25/07/09/0042.shtml',
    ]);
    const [first, second] = feed.items;
    expect(first!.title).toBe("Georgia's railway deal & what it means");
    expect(first!.author).toBe('timothy');
    expect(first!.categories).toEqual(['transport']);
    expect(first!.publishedAt?.toISOString()).toBe('2025-07-10T07:30:00.000Z');
    // A date without a time is midnight where the source is.
    expect(second!.publishedAt?.toISOString()).toBe('2025-07-08T20:00:00.000Z');
  });
});

describe('JSON Feed 1.1', () => {
  const feed = parse('json-feed-1.1.json', 'https://steppe.example.kz/feed.json', 'application/json');
  const [summit, notes] = feed.items;

  it('reads items, resolving relative URLs against the home page', () => {
    expect(feed.kind).toBe('feed');
    expect(feed.title).toBe('Steppe Notes');
    expect(summit!.url).toBe('https://steppe.example.kz/2025/07/10/astana-summit');
    expect(summit!.imageUrl).toBe('https://steppe.example.kz/images/astana.jpg');
    expect(summit!.guid).toBe('2025-07-10-astana');
  });

  it('reads content_html, content_text, tags, authors (item, else feed) and dates', () => {
    expect(summit!.html).toBe('<p>Leaders of Kazakhstan, Azerbaijan and Georgia met in Astana.</p>');
    expect(summit!.categories).toEqual(['trade', 'Middle Corridor']);
    expect(summit!.author).toBe('Aigerim S.');
    expect(summit!.publishedAt?.toISOString()).toBe('2025-07-10T05:00:00.000Z');
    expect(notes!.text).toBe('Field notes from Aktau.\n\nThe port is busy.');
    expect(notes!.html).toBeUndefined();
    expect(notes!.author).toBe('Steppe Desk');
    expect(notes!.title).toBe('Field notes from Aktau');
  });
});

describe('broken and empty feeds', () => {
  it('reports malformed XML in plain words instead of crashing', () => {
    const error = parseError(() => parse('malformed.xml', 'https://broken.example.com/rss', 'application/rss+xml'));
    expect(error.message).toMatch(/^The feed is not valid XML: .+\.$/);
  });

  it('reads the other entries of a feed with one broken or unclosed in the middle, and says one was left out', () => {
    const item = (n: number, title: string) => `<item><title>${title}</title><link>https://mid.example.com/${n}</link><description>Text ${n}</description></item>`;
    const rss = (broken: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Mid</title><link>https://mid.example.com/</link>${item(1, 'One')}${broken}${item(3, 'Three')}${item(4, 'Four')}</channel></rss>`;
    const read = (body: string) => parseSource(fetched(body, 'https://mid.example.com/rss', 'application/rss+xml'), { dates: baku });
    // The last one feedsmith reads without complaint, the entries after it inside the unclosed one.
    for (const broken of [item(2, 'Inflation < 3% again'), '<item><title><![CDATA[Unterminated</title><link>https://mid.example.com/2</link></item>', '<item><title>Unclosed</title><link>https://mid.example.com/2</link>']) {
      const feed = read(rss(broken));
      expect(feed.items.map((i) => i.title)).toEqual(['One', 'Three', 'Four']);
      expect(feed.notice).toBe('One item of the feed could not be read (not valid XML) and was left out; the others were read.');
    }
  });

  it('does not read a feed apart for an item named in its text, nor for RSS 1.0’s list of items', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example.com/</link><item><title>One</title><link>https://t.example.com/1</link><description><![CDATA[<p>Write <item> in XML</p>]]></description></item><item><title>Two</title><link>https://t.example.com/2</link></item></channel></rss>`;
    const feed = parseSource(fetched(rss, 'https://t.example.com/rss', 'application/rss+xml'), { dates: baku });
    expect(feed.items.map((i) => i.title)).toEqual(['One', 'Two']);
    expect(feed.notice).toBeUndefined();
  });

  it('keeps the complete entries of a feed cut off mid-entry', () => {
    const feed = parse('truncated.xml', 'https://cut.example.com/rss', 'application/rss+xml');
    expect(feed.items.map((i) => i.title)).toEqual(['First complete item', 'Second complete item']);
  });

  it('reads a valid feed without items as empty, with a notice rather than an error', () => {
    const feed = parse('empty.xml', 'https://empty.example.com/rss', 'application/rss+xml');
    expect(feed).toMatchObject({ kind: 'feed', items: [], notice: 'The feed has no items.' });
  });

  it('reports an empty body, JSON that is not a JSON Feed and XML that is not a feed', () => {
    const url = 'https://x.example.com/feed';
    expect(parseError(() => parseSource(fetched('  \n', url, 'application/rss+xml'), { dates: baku, kind: 'feed' })).message).toBe('The feed is empty.');
    expect(parseError(() => parseSource(fetched('{"hello":"world"}', url, 'application/json'), { dates: baku })).message).toMatch(/not a JSON Feed/);
    expect(parseError(() => parseSource(fetched('<?xml version="1.0"?><svg></svg>', url, 'image/svg+xml'), { dates: baku })).message).toMatch(/not a feed/);
    expect(parseError(() => parseSource(fetched('<opml version="2.0"><body/></opml>', url, 'text/xml'), { dates: baku })).message).toMatch(/OPML/);
  });

  it('says so when a feed source returns a web page, naming the feed the page links to', () => {
    const page = '<!DOCTYPE html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><p>Hi</p></body></html>';
    const error = parseError(() => parseSource(fetched(page, 'https://site.example.com/news', 'text/html'), { dates: baku, kind: 'feed' }));
    expect(error.message).toBe('This address returns a web page, not a feed. It links to a feed: https://site.example.com/atom.xml');
    expect(error.feeds.map((f) => f.url)).toEqual(['https://site.example.com/atom.xml']);
  });

  it('reads a feed preceded by a BOM and server warnings', () => {
    const body = `\ufeffWarning: something in /var/www/feed.php on line 3\n${fixture('rdf.xml')}`;
    const feed = parseSource(fetched(body, 'https://slashy.example.com/index.rdf', 'text/xml'), { dates: baku });
    expect(feed.items).toHaveLength(2);
  });

  it('returns nothing new for a 304 Not Modified, keeping the previous keys', () => {
    const notModified = { ...fetched('', 'https://x.example.com/rss', 'application/rss+xml'), status: 304, notModified: true };
    expect(parseSource(notModified, { dates: baku, seenKeys: ['a'] })).toEqual({ kind: 'feed', items: [], keys: ['a'] });
  });
});

describe('entries without a link', () => {
  const entry = (id: string, text: string) => `<entry><id>${id}</id><title>Live coverage</title><updated>2025-07-01T10:00:00Z</updated><content type="text">${text}</content></entry>`;
  const atom = (entries: string[]) => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Newsroom</title>${entries.join('')}</feed>`;
  const read = (body: string) => parseSource(fetched(body, 'https://h.example/feed', 'application/atom+xml'), { dates: baku });

  // Named by a slug of the id cut at 80 characters, long ids that differed past the cut (or only in case) made one
  // address, and every entry after the first was dropped as a duplicate of it.
  it('get an address of their own, however alike their ids', () => {
    const base = 'tag:news.example.org,2025:newsroom/international-desk/live-coverage/entries/update';
    const ids = [`${base}-1`, `${base}-2`, `${base}-3`, 'A-1', 'a_1'];
    const items = read(atom(ids.map((id, i) => entry(id, `Update number ${i} from the international desk on the talks.`)))).items;
    expect(items.map((i) => i.guid)).toEqual(ids);
    expect(new Set(items.map((i) => i.url)).size).toBe(ids.length);
    for (const item of items) expect(item.url).toMatch(/^https:\/\/h\.example\/feed#[a-z0-9-]+-[0-9a-f]{12}$/);
    // The same entry read again keeps its address.
    expect(read(atom([entry(ids[0]!, 'Changed text.')])).items[0]!.url).toBe(items[0]!.url);
  });
});
