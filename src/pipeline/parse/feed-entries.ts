// Each feed format names the same facts differently; this maps feedsmith's four shapes onto one raw entry, keeping
// every candidate (several dates, several images) so the finishing step can pick the first usable one.
import type { AnyFeed, AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';

export interface RawEntry {
  /** Base for relative links in this entry (xml:base chain, else the site or feed URL). */
  base: string;
  links: string[];
  guid?: string | undefined;
  /** An RSS guid with isPermaLink true (the default) doubles as the link. */
  guidIsLink: boolean;
  title?: string | undefined;
  authors: string[];
  dates: (string | undefined)[];
  categories: string[];
  /** Full content, HTML. */
  contentHtml?: string | undefined;
  /** Full content, plain text. */
  contentText?: string | undefined;
  /** A summary or description: HTML or text. */
  summary?: string | undefined;
  images: (string | undefined)[];
}

export interface RawFeed {
  title?: string | undefined;
  siteUrl?: string | undefined;
  language?: string | undefined;
  entries: RawEntry[];
}

type Feed = AnyFeed['feed'];

export function rawFeedOf(parsed: AnyFeed, feedUrl: string): RawFeed {
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, feedUrl);
    case 'atom':
      return fromAtom(parsed.feed, feedUrl);
    case 'rdf':
      return fromRdf(parsed.feed, feedUrl);
    case 'json':
      return fromJson(parsed.feed, feedUrl);
  }
}

function resolveBase(base: string | undefined, against: string): string {
  if (!base) return against;
  try {
    return new URL(base, against).toString();
  } catch {
    return against;
  }
}

/** Relative item links in RSS are meant relative to the site, which is not always where the feed is served. */
function siteBase(feed: Feed & { xml?: { base?: string } }, link: string | undefined, feedUrl: string): string {
  const fromXml = resolveBase(feed.xml?.base, feedUrl);
  if (feed.xml?.base) return fromXml;
  if (link && /^https?:\/\//i.test(link)) return link;
  return feedUrl;
}

function mediaImages(media: MediaNs.ItemOrFeed | undefined): string[] {
  if (!media) return [];
  const out: string[] = [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((g) => g.contents ?? [])];
  for (const c of contents) {
    const isImage = c.medium === 'image' || c.type?.startsWith('image/') || (!c.medium && !c.type && /\.(?:jpe?g|png|gif|webp|avif)(?:\?|$)/i.test(c.url ?? ''));
    if (c.url && isImage) out.push(c.url);
  }
  for (const t of [...(media.thumbnails ?? []), ...contents.flatMap((c) => c.thumbnails ?? [])]) if (t.url) out.push(t.url);
  return out;
}

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string): RawFeed {
  const base = siteBase(feed, feed.link, feedUrl);
  const entries = (feed.items ?? []).map((item): RawEntry => {
    const guid = item.guid?.value;
    return {
      base: resolveBase(item.xml?.base, base),
      links: [item.link, ...(item.atom?.links ?? []).filter((l) => !l.rel || l.rel === 'alternate').map((l) => l.href)].filter(isString),
      guid,
      guidIsLink: item.guid?.isPermaLink !== false && !!guid && /^https?:\/\//i.test(guid),
      title: item.title ?? item.dc?.titles?.[0],
      authors: [...(item.authors ?? []).map((a) => a.name ?? a.email), ...(item.dc?.creators ?? [])].filter(isString),
      dates: [item.pubDate, ...(item.dc?.dates ?? []), ...(item.dcterms?.created ?? []), ...(item.dcterms?.issued ?? []), item.atom?.published, item.atom?.updated],
      categories: [...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])].filter(isString),
      contentHtml: item.content?.encoded,
      summary: item.description ?? item.dc?.descriptions?.[0],
      images: [
        ...mediaImages(item.media),
        ...(item.enclosures ?? []).filter((e) => e.type?.startsWith('image/') || /\.(?:jpe?g|png|gif|webp)(?:\?|$)/i.test(e.url ?? '')).map((e) => e.url),
        item.itunes?.image,
      ],
    };
  });
  return { title: feed.title, siteUrl: feed.link ? resolveBase(feed.link, feedUrl) : undefined, language: feed.language, entries };
}

function atomText(text: AtomFeed.Text | undefined): string | undefined {
  return text?.value;
}

function atomLinks(links: AtomFeed.Link<string>[] | undefined): string[] {
  const all = links ?? [];
  const alternate = all.filter((l) => !l.rel || l.rel === 'alternate');
  // Prefer the HTML page over other alternates (a PDF, an AMP copy with a type).
  alternate.sort((a, b) => Number(!!b.type?.includes('html')) - Number(!!a.type?.includes('html')));
  return alternate.map((l) => l.href).filter(isString);
}

function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string): RawFeed {
  const feedBase = resolveBase(feed.xml?.base, feedUrl);
  const feedAuthors = (feed.authors ?? []).map((a) => a.name).filter(isString);
  const siteLink = atomLinks(feed.links)[0];
  const entries = (feed.entries ?? []).map((entry): RawEntry => {
    const base = resolveBase(entry.xml?.base, feedBase);
    const content = entry.content;
    const isText = content?.type === 'text' || content?.type?.startsWith('text/plain');
    const authors = (entry.authors ?? []).map((a) => a.name).filter(isString);
    return {
      base: content?.xml?.base ? resolveBase(content.xml.base, base) : base,
      links: atomLinks(entry.links),
      guid: entry.id,
      guidIsLink: !!entry.id && /^https?:\/\//i.test(entry.id),
      title: atomText(entry.title),
      authors: authors.length ? authors : [...(entry.dc?.creators ?? []), ...feedAuthors],
      dates: [entry.published, entry.updated, ...(entry.dc?.dates ?? [])],
      categories: (entry.categories ?? []).map((c) => c.label ?? c.term).filter(isString),
      contentHtml: content?.value && !isText ? content.value : undefined,
      contentText: content?.value && isText ? content.value : undefined,
      summary: atomText(entry.summary),
      images: [
        ...mediaImages(entry.media),
        ...(entry.links ?? []).filter((l) => l.rel === 'enclosure' && l.type?.startsWith('image/')).map((l) => l.href),
      ],
    };
  });
  return {
    title: atomText(feed.title),
    siteUrl: siteLink ? resolveBase(siteLink, feedBase) : undefined,
    language: feed.xml?.lang,
    entries,
  };
}

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string): RawFeed {
  const base = siteBase(feed, feed.link, feedUrl);
  const entries = (feed.items ?? []).map((item): RawEntry => ({
    base: resolveBase(item.xml?.base, base),
    links: [item.link, item.rdf?.about].filter(isString),
    guid: item.rdf?.about,
    guidIsLink: false,
    title: item.title ?? item.dc?.titles?.[0],
    authors: (item.dc?.creators ?? []).filter(isString),
    dates: [...(item.dc?.dates ?? []), ...(item.dcterms?.created ?? []), ...(item.dcterms?.issued ?? [])],
    categories: (item.dc?.subjects ?? []).filter(isString),
    contentHtml: item.content?.encoded,
    summary: item.description ?? item.dc?.descriptions?.[0],
    images: mediaImages(item.media),
  }));
  return { title: feed.title, siteUrl: feed.link ? resolveBase(feed.link, feedUrl) : undefined, language: feed.dc?.languages?.[0], entries };
}

function fromJson(feed: JsonFeed.Feed<string>, feedUrl: string): RawFeed {
  const base = feed.home_page_url ? resolveBase(feed.home_page_url, feedUrl) : feedUrl;
  const feedAuthors = (feed.authors ?? []).map((a) => a.name).filter(isString);
  const entries = (feed.items ?? []).map((item): RawEntry => {
    // feedsmith folds JSON Feed 1.0's single `author` into 1.1's `authors`.
    const authors = (item.authors ?? []).map((a) => a.name).filter(isString);
    return {
      base,
      links: [item.url, item.external_url].filter(isString),
      guid: item.id === undefined ? undefined : String(item.id),
      guidIsLink: false,
      title: item.title,
      authors: authors.length ? authors : feedAuthors,
      dates: [item.date_published, item.date_modified],
      categories: (item.tags ?? []).filter(isString),
      contentHtml: item.content_html,
      contentText: item.content_text,
      summary: item.summary,
      images: [item.image, item.banner_image, ...(item.attachments ?? []).filter((a) => a.mime_type?.startsWith('image/')).map((a) => a.url)],
    };
  });
  return { title: feed.title, siteUrl: feed.home_page_url ? base : undefined, language: feed.language, entries };
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
