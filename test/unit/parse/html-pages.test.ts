import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import type { FeedKind } from '../../../src/pipeline/types.js';
import { baku, fetched, fixture } from './helpers.js';

const page = (name: string, url: string, extra: { kind?: FeedKind; seenKeys?: string[] } = {}) =>
  parseSource(fetched(fixture(name), url, 'text/html'), { dates: baku, ...extra });

describe('a news section page', () => {
  const result = page('listing-news.html', 'https://news.example.org/politics/');

  it('lists the site’s article links with their headlines, in page order', () => {
    expect(result.kind).toBe('listing');
    expect(result.title).toBe('Politics');
    expect(result.items.map((i) => i.title)).toEqual([
      'Azerbaijan summons Russian envoy after deadly raid',
      'Armenia and Türkiye resume border talks in Vienna',
      'Georgia signs railway deal with Kazakhstan',
      "Relative link story about Baku's new port",
    ]);
    expect(result.items.every((i) => i.needsFetch)).toBe(true);
  });

  it('leaves out navigation, the page header and footer, sidebars, index pages, other sites and short anchors', () => {
    const urls = result.items.map((i) => i.url).join(' ');
    for (const left of ['nav-featured', 'ticker', 'footer-promoted', '/tag/', 'about-us', 'other.example.net', '/short', '/page/2', 'privacy', 'most-read-story']) {
      expect(urls).not.toContain(left);
    }
  });

  it('takes the headline from a card’s own <header>, and leaves out chrome named so by its class', () => {
    const card = (n: number) => `<div class="post-card"><header><h2><a href="/politics/2025/06/2${n}/budget-story-${n}">Parliament debates budget story number ${n} this week</a></h2></header><p>Teaser ${n}.</p></div>`;
    const html = `<!doctype html><html><head><title>Politics</title></head><body>
      <div class="site-header"><a href="/politics/2025/06/20/breaking-header-story">Breaking: a story linked from the site's header</a></div>
      <main>${[1, 2, 3, 4, 5].map(card).join('')}
        <section class="most-read-block"><h3>Most read</h3><a href="/sport/2025/06/19/most-read-sport-story">A sport story many people read this week</a></section></main>
      <div id="footer"><a href="/about/2025/06/01/our-editorial-standards-policy">Our editorial standards and ethics policy</a></div></body></html>`;
    const listing = parseSource(fetched(html, 'https://news.example.org/politics/', 'text/html'), { dates: baku, kind: 'listing' });
    expect(listing.items.map((i) => i.url.replace('https://news.example.org', ''))).toEqual([1, 2, 3, 4, 5].map((n) => `/politics/2025/06/2${n}/budget-story-${n}`));
  });

  it('resolves relative links and merges one article linked twice (image and headline, with tracking)', () => {
    expect(result.items[0]!.url).toBe('https://news.example.org/2025/07/10/azerbaijan-summons-russian-envoy');
    expect(result.items[3]!.url).toBe('https://news.example.org/2025/07/08/relative-link-story-about-baku');
    expect(result.items.filter((i) => i.url.includes('azerbaijan-summons'))).toHaveLength(1);
  });

  it('reads date, lazy-loaded image, byline, tag and teaser from the card around the link', () => {
    const lead = result.items[0]!;
    expect(lead.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(lead.imageUrl).toBe('https://news.example.org/img/envoy.jpg');
    expect(lead.author).toBe('Leyla Mammadova');
    expect(lead.categories).toEqual(['Russia']);
    expect(lead.text).toBe('Baku demands answers over two deaths in Russian custody.');
    // "08.07.2025" in a river item, day first.
    expect(result.items[2]!.publishedAt?.toISOString()).toBe('2025-07-07T20:00:00.000Z');
  });

  it('returns only links not seen at the last fetch, and all keys of this one', () => {
    const next = page('listing-news.html', 'https://news.example.org/politics/', { seenKeys: result.keys.slice(1) });
    expect(next.items.map((i) => i.title)).toEqual(['Azerbaijan summons Russian envoy after deadly raid']);
    expect(next.keys).toEqual(result.keys);
  });
});

describe('an aggregator page embedding whole articles', () => {
  const result = page('listing-aggregator.html', 'https://daily8.example.com/tag/diplomaticConflict');

  it('gives one item per embedded article, carrying its text, outlet, date and category', () => {
    expect(result.kind).toBe('listing');
    expect(result.items).toHaveLength(2);
    const [jazeera, arabiya] = result.items;
    expect(jazeera!.title).toBe("The South Caucasus is slipping from Russia's grasp");
    expect(jazeera!.sourceName).toBe('Al Jazeera');
    expect(jazeera!.categories).toEqual(['Politics']);
    expect(jazeera!.publishedAt?.toISOString()).toBe('2025-07-09T20:00:00.000Z');
    expect(arabiya!.publishedAt?.toISOString()).toBe('2025-06-23T20:00:00.000Z');
    expect(jazeera!.needsFetch).toBe(false);
    expect(jazeera!.text).toMatch(/^The recent flare-up/);
    expect(jazeera!.text).not.toMatch(/Al Jazeera|Politics|10-07-2025|DOWNLOAD/);
    expect(jazeera!.url).toBe('https://daily8.example.com/tag/diplomaticConflict#the-south-caucasus-is-slipping-from-russias-grasp');
  });
});

describe('an article page', () => {
  const result = page('article-news.html', 'https://news.example.org/2025/07/10/azerbaijan-summons-russian-envoy?utm_source=x');

  it('is one item with the extracted text, despite its related links', () => {
    expect(result.kind).toBe('article');
    expect(result.items).toHaveLength(1);
    const item = result.items[0]!;
    expect(item.needsFetch).toBe(false);
    expect(item.html).toBeUndefined();
    expect(item.text).toMatch(/^Azerbaijan's foreign ministry summoned the Russian ambassador/);
    expect(item.text).toContain('paragraph 5.');
    expect(item.text).not.toContain('Armenia and Türkiye resume border talks');
    expect(item.language).toBe('en');
    expect(item.url).toBe('https://news.example.org/2025/07/10/azerbaijan-summons-russian-envoy');
  });

  it('takes the metadata the page states: headline, author, date, image, section and tags', () => {
    const item = result.items[0]!;
    expect(item.title).toBe('Azerbaijan summons Russian envoy after deadly raid');
    expect(item.author).toBe('Leyla Mammadova');
    expect(item.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(item.imageUrl).toBe('https://news.example.org/img/envoy-large.jpg');
    expect(item.categories).toEqual(['Politics', 'Russia', 'Azerbaijan']);
  });
});

describe('forum threads', () => {
  const thread = 'https://forum.example.com/threads/azerbaijan-russia.123/';

  it('XenForo: posts with author, date and text; quotes and signatures left out', () => {
    const result = page('forum-xenforo.html', thread);
    expect(result.kind).toBe('thread');
    expect(result.title).toBe('Azerbaijan–Russia rupture');
    expect(result.items.map((i) => [i.url, i.author, i.publishedAt?.toISOString()])).toEqual([
      [`${thread}#post-88101`, 'caspian_fox', '2025-07-10T05:20:00.000Z'],
      [`${thread}#post-88102`, 'steppe_owl', '2025-07-10T07:05:00.000Z'],
    ]);
    expect(result.items[0]!.text).toBe('Baku has cancelled every Russian cultural event this month.\n\nThis is a real break, not a spat.');
    expect(result.items[1]!.text).toBe('I doubt it lasts. Trade through the North–South corridor matters too much to both sides.');
    expect(result.items[1]!.title).toBe('I doubt it lasts');
  });

  it('phpBB: ids from p123, names from coloured usernames, dates from <time> or the author line', () => {
    const result = page('forum-phpbb.html', thread);
    expect(result.title).toBe('Cambodia–Thailand border');
    expect(result.items.map((i) => [i.url.split('#')[1], i.author, i.publishedAt?.toISOString()])).toEqual([
      ['post-99001', 'mekong_watcher', '2025-06-24T06:15:00.000Z'],
      ['post-99002', 'border_hawk', '2025-06-24T11:40:00.000Z'],
    ]);
    expect(result.items[1]!.text).toBe('Not only tourists: trucks are being turned back at Aranyaprathet as well.');
    expect(result.items[0]!.text).not.toContain('-- mekong');
  });

  it('phpBB: a post of an attached image alone, or deleted, is no post', () => {
    const html = fixture('forum-phpbb.html').replace(
      'Not only tourists: trucks are being turned back at Aranyaprathet as well.',
      '<div class="inline-attachment"><dl class="file"><dt class="attach-image"><img src="./download/file.php?id=7" alt="poipet-queue.jpg"></dt><dd>poipet-queue.jpg (245.31 KiB) Viewed 37 times</dd></dl></div>',
    );
    expect(parseSource(fetched(html, thread, 'text/html'), { dates: baku }).items.map((i) => i.url.split('#')[1])).toEqual(['post-99001']);
    const deleted = fixture('forum-phpbb.html').replace('Not only tourists: trucks are being turned back at Aranyaprathet as well.', '(post deleted by author)');
    expect(parseSource(fetched(deleted, thread, 'text/html'), { dates: baku }).items.map((i) => i.url.split('#')[1])).toEqual(['post-99001']);
  });

  it('Discourse (crawler view): post numbers, itemprop authors and dates, aside quotes removed', () => {
    const result = page('forum-discourse.html', thread);
    expect(result.title).toBe('Middle Corridor freight volumes');
    expect(result.items.map((i) => [i.url.split('#')[1], i.author])).toEqual([
      ['post-1', 'aktau_port'],
      ['post-2', 'baku_rail'],
    ]);
    expect(result.items[1]!.text).toBe('The bottleneck is now the Caspian ferry fleet, not the rail links.');
  });

  it('MyBB: the quoted post (“X Wrote:” with its video link) is not the poster’s text; relative dates resolve', () => {
    const result = page('forum-mybb.html', thread);
    expect(result.items).toHaveLength(1);
    const post = result.items[0]!;
    expect(post.author).toBe('Kallang Roar');
    expect(post.url).toBe(`${thread}#post-5120`);
    expect(post.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(post.text).toMatch(/^Once a close partner of Kremlin/);
    expect(post.text).not.toMatch(/Tee tiong huat|youtu\.be|Majulah/);
  });

  it('vBulletin: post_ ids, day-first dates, "Originally Posted by" quotes removed', () => {
    const result = page('forum-vbulletin.html', thread);
    expect(result.items.map((i) => [i.url.split('#')[1], i.author, i.publishedAt?.toISOString(), i.text])).toEqual([
      ['post-4410021', 'tbilisi_night', '2025-07-10T16:15:00.000Z', 'Rustaveli Avenue is full again tonight.'],
      ['post-4410022', 'kutaisi_rain', '2025-07-11T05:00:00.000Z', 'Police kept their distance this time.'],
    ]);
  });

  it('vBulletin 3: posts in table#post123, each read apart with its own text, quotes removed; titled by its subject', () => {
    const url = 'https://forum.example.ge/showthread.php?t=8812';
    const result = page('forum-vbulletin3.html', url);
    expect(result.kind).toBe('thread');
    expect(result.title).toBe('Kutaisi bridge reopens after repairs');
    expect(result.items.map((i) => [i.url, i.author, i.publishedAt?.toISOString(), i.text])).toEqual([
      [`${url}#post-51001`, 'rioni_walker', '2025-06-07T05:15:00.000Z', 'The White Bridge in Kutaisi is open to walkers again from this morning.\n\nThe glass floor panels were replaced over the summer.'],
      [`${url}#post-51007`, 'imereti_cyclist', '2025-06-07T07:40:00.000Z', 'Bikes are still not allowed on it, the guard turned me back at noon.'],
    ]);
    expect(result.pages).toEqual({ next: `${url}&page=2`, last: `${url}&page=3` });
    // The breadcrumb's last crumb is the subject, whatever the <title> says.
    const retitled = fixture('forum-vbulletin3.html').replace(/<title>[^<]*<\/title>/, '<title>Caucasus Travel Forums</title>');
    expect(parseSource(fetched(retitled, url, 'text/html'), { dates: baku }).title).toBe('Kutaisi bridge reopens after repairs');
  });

  it('titles a thread by its own subject, not the forum’s name or a "Thread:" label', () => {
    expect(page('forum-smf.html', 'https://forum.example.org/smf/index.php?topic=567.0').title).toBe('Gyumri earthquake drill');
    const labelled = fixture('forum-vbulletin.html').replace('<body>', '<body><h1>Thread: <span class="threadtitle"><a href="showthread.php?t=51234">Georgian protests</a></span></h1>');
    expect(parseSource(fetched(labelled, thread, 'text/html'), { dates: baku }).title).toBe('Georgian protests');
  });

  it('returns only posts not seen at the last fetch', () => {
    const first = page('forum-xenforo.html', thread);
    const next = page('forum-xenforo.html', thread, { seenKeys: [first.keys[0]!] });
    expect(next.items.map((i) => i.author)).toEqual(['steppe_owl']);
    expect(next.keys).toEqual(first.keys);
  });
});

describe('pages without articles', () => {
  it('name the feed the page announces', () => {
    try {
      page('page-login.html', 'https://x.example.com/login');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toBe('This page has no articles of its own, but it links to a feed: https://x.example.com/feed/');
      expect((error as ParseError).feeds).toEqual([{ url: 'https://x.example.com/feed/', title: 'All stories', type: 'application/rss+xml', guess: false }]);
    }
  });

  it('say there is nothing to read', () => {
    expect(() => page('page-empty.html', 'https://x.example.com/')).toThrow(new ParseError('This page has no articles or feed links.'));
  });

  it('do not crash on broken markup or binary junk', () => {
    const junk = '<div><p>unclosed <b>tags <a href="/x">and</div></span>\u0000\u0001 \ufffd\ufffd';
    expect(() => parseSource(fetched(junk, 'https://x.example.com/', 'text/html'), { dates: baku })).toThrow(ParseError);
  });

  it('say a followed thread behind a login, or deleted, is no post, in words, rather than post its notice', () => {
    const board = (body: string) => `<!doctype html><html><head><title>Southeast Asia Travel Board</title></head><body><div id="wrap"><h1>Southeast Asia Travel Board</h1><p>${body}</p><p><a href="/ucp.php?mode=login">Login</a> · <a href="/ucp.php?mode=register">Register</a></p></div></body></html>`;
    const read = (html: string, kind?: FeedKind) => () => parseSource(fetched(html, 'https://forum.example.org/viewtopic.php?t=4521', 'text/html'), { dates: baku, ...(kind && { kind }) });
    const login = board('The board requires you to be registered and logged in to view this forum. Please log in below or register to take part in the discussions.');
    const gone = board('The topic or board you are looking for appears to be either missing or off limits to you. Ask an administrator if you think this is a mistake.');
    expect(read(login, 'thread')).toThrow(new ParseError('This page has no forum posts: the text is behind a login or paywall.'));
    expect(read(login)).toThrow(new ParseError('This page has no articles: the text is behind a login or paywall.'));
    expect(read(gone, 'thread')).toThrow(new ParseError('This page has no forum posts: it is an error page.'));
  });

  it('say a "page not found" served as 200 is no section, though it suggests a few stories', () => {
    const teaser = (n: number) => `<li><a href="/politics/2025/06/2${n}/story-number-${n}-about-the-budget">Story number ${n} about the budget talks in parliament</a></li>`;
    const html = `<!doctype html><html><head><title>Oops! We can't find that page</title></head><body><main><h1>Oops! We can't find that page</h1><p>It may have moved.</p><h2>You might be interested in</h2><ul>${[1, 2, 3, 4].map(teaser).join('')}</ul></main></body></html>`;
    const read = (kind?: FeedKind) => () => parseSource(fetched(html, 'https://news.example.org/politics/2025/06/24/old-deleted-story', 'text/html'), { dates: baku, ...(kind && { kind }) });
    expect(read('listing')).toThrow(new ParseError('This page has no articles: it is an error page.'));
    expect(read()).toThrow(ParseError);
  });

  it('a configured kind chooses the reader: a thread source that is not a forum says so', () => {
    expect(() => page('page-empty.html', 'https://x.example.com/', { kind: 'thread' })).toThrow('This page has no forum posts.');
  });
});

describe('article pages that look like something else', () => {
  it('a blog post with a comment section is one article, not a thread (nor a phpBB div.post)', () => {
    const result = page('article-blog-comments.html', 'https://travel.example.com/2025/07/10/taking-the-caspian-ferry/');
    expect(result.kind).toBe('article');
    expect(result.items[0]!.title).toBe('Taking the Caspian ferry');
  });

  it('an undeclared article written as text between <br>s is an article despite its "more" links', () => {
    const result = page('article-br-paragraphs.html', 'http://drama.example.kr/news/news_view.html?idx=8723&page=1');
    expect(result.kind).toBe('article');
    expect(result.items[0]!.url).toBe('http://drama.example.kr/news/news_view.html?idx=8723&page=1');
  });

  it('the same page configured as a listing gives its links instead', () => {
    const result = page('article-br-paragraphs.html', 'http://drama.example.kr/news/news_view.html?idx=8723&page=1', { kind: 'listing' });
    expect(result.kind).toBe('listing');
    expect(result.items.map((i) => i.url)).toEqual([8722, 8721, 8720].map((n) => `http://drama.example.kr/news/news_view.html?idx=${n}`));
  });
});
