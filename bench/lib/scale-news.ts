// The scale benchmark's news world: 200 shared feeds and one own feed per guild on one local HTTP server, each gaining
// a distinct real wire story (Reuters-21578) once per poll interval at its own phase, so the bots always have news and
// no two items are one story. Every request for a feed is timed here, on the server side, so "fetches per feed per
// interval" is counted where it happens rather than taken from the bots' word.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articlePage, rssFeed, type SiteArticle } from '../../test/helpers/news-site.js';
import { readReutersFolder } from './reuters-sgml.js';

export interface WireStory {
  title: string;
  text: string;
}

/** Distinct wire stories of at least ~120 words: one title or opening only once, so clustering keeps them apart. */
export function loadWireStories(dir: string): WireStory[] {
  const seen = new Set<string>();
  const stories: WireStory[] = [];
  for (const s of readReutersFolder(dir, new Map())) {
    if (!s.title || s.body.split(/\s+/).length < 120) continue;
    const body = s.body.replace(/\s*Reuter\s*$/i, '');
    const keys = [s.title.toLowerCase(), body.slice(0, 200)];
    if (keys.some((k) => seen.has(k))) continue;
    keys.forEach((k) => seen.add(k));
    // Wire copy breaks lines at 70 columns and paragraphs with an indent: rejoin lines, split on the indents.
    const paragraphs = body.split(/\n\s{2,}/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
    stories.push({ title: s.title.charAt(0) + s.title.slice(1).toLowerCase(), text: paragraphs.join('\n\n') });
  }
  return stories;
}

export interface FetchStats {
  feeds: number;
  feedsFetched: number;
  fetches: number;
  /** The most fetches of one feed inside any window one poll interval long: 1 when no feed is fetched twice. */
  maxPerInterval: number;
  /** Fetches of one feed over the run, mean and most: about run length ÷ interval (+1 for the first) when on time. */
  perFeedMean: number;
  perFeedMax: number;
  runSeconds: number;
  /** Mean time between two fetches of the same feed: the interval plus its 0–10 % jitter when on time. */
  meanGapSeconds: number | null;
  minGapSeconds: number | null;
}

export interface ScaleNews {
  origin: string;
  sharedUrl(i: number): string;
  ownUrl(guild: number): string;
  /** Starts the clock: feeds are empty until then, so items appear only once the bots are starting. */
  begin(): void;
  /** Items that have appeared so far, and those that could not for want of distinct stories. */
  published(): { items: number; missing: number };
  fetchStats(fromMs: number, toMs: number): FetchStats;
  articleRequests(): number;
  close(): Promise<void>;
}

export async function startScaleNews(options: { sharedFeeds: number; guilds: number; intervalMs: number; stories: WireStory[] }): Promise<ScaleNews> {
  const { sharedFeeds, guilds, intervalMs, stories } = options;
  const feedCount = sharedFeeds + guilds;
  let startedAt = Number.POSITIVE_INFINITY;
  // Phases spread over the interval (golden-ratio steps), so items keep appearing rather than in one burst a minute.
  const phase = (f: number) => Math.floor(((f * 0.6180339887) % 1) * intervalMs);
  // Item k of feed f is story k × feeds + f: every feed's first item before any feed's second.
  const story = (f: number, k: number) => stories[k * feedCount + f];
  const fetches = new Map<number, number[]>();
  let articleRequests = 0;

  function visible(f: number, now: number): SiteArticle[] {
    const items: SiteArticle[] = [];
    for (let k = 0; startedAt + phase(f) + k * intervalMs <= now; k++) {
      const s = story(f, k);
      if (!s) break;
      items.unshift({ slug: `f${f}-${k}`, title: s.title, text: s.text, published: new Date(startedAt + phase(f) + k * intervalMs), fullInFeed: true });
    }
    return items.slice(0, 10);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const feed = /^\/(shared|own)\/(\d+)\.xml$/.exec(path);
    if (feed) {
      const f = (feed[1] === 'shared' ? 0 : sharedFeeds) + Number(feed[2]);
      if (f >= feedCount) return res.writeHead(404).end();
      const now = Date.now();
      let times = fetches.get(f);
      if (!times) fetches.set(f, (times = []));
      times.push(now);
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      return res.end(rssFeed(`${feed[1]} ${feed[2]}`, origin, visible(f, now)));
    }
    const article = /^\/article\/f(\d+)-(\d+)$/.exec(path);
    const s = article ? story(Number(article[1]), Number(article[2])) : undefined;
    if (!s) return res.writeHead(404).end();
    articleRequests++;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(articlePage({ slug: path.slice(9), title: s.title, text: s.text, published: new Date() }, 'Wire'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    sharedUrl: (i) => `${origin}/shared/${i}.xml`,
    ownUrl: (g) => `${origin}/own/${g}.xml`,
    begin: () => {
      startedAt = Date.now();
    },
    published() {
      let items = 0;
      let missing = 0;
      const now = Date.now();
      for (let f = 0; f < feedCount; f++) {
        for (let k = 0; startedAt + phase(f) + k * intervalMs <= now; k++) {
          if (story(f, k)) items++;
          else missing++;
        }
      }
      return { items, missing };
    },
    fetchStats(fromMs, toMs) {
      let total = 0;
      let perFeedMax = 0;
      let maxPerInterval = 0;
      const gaps: number[] = [];
      for (const times of fetches.values()) {
        const n = times.filter((t) => t >= fromMs && t <= toMs).length;
        total += n;
        perFeedMax = Math.max(perFeedMax, n);
        // Sliding window over the whole run: fetches i..j inside one interval.
        for (let i = 0, j = 0; j < times.length; j++) {
          while (times[j]! - times[i]! >= intervalMs) i++;
          maxPerInterval = Math.max(maxPerInterval, j - i + 1);
          if (j > 0) gaps.push(times[j]! - times[j - 1]!);
        }
      }
      const seconds = (ms: number) => Math.round(ms / 100) / 10;
      return {
        feeds: feedCount,
        feedsFetched: fetches.size,
        fetches: total,
        maxPerInterval,
        perFeedMean: Math.round((total / feedCount) * 100) / 100,
        perFeedMax,
        runSeconds: seconds(toMs - fromMs),
        meanGapSeconds: gaps.length ? seconds(gaps.reduce((a, b) => a + b, 0) / gaps.length) : null,
        minGapSeconds: gaps.length ? seconds(Math.min(...gaps)) : null,
      };
    },
    articleRequests: () => articleRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
