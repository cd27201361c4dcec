// A news world for the pipeline benchmark: distinct real wire stories (the Reuters-21578 files of the geo
// benchmark) rendered in a news-site page with the usual furniture, listed as teasers in RSS feeds so every item's
// page must be fetched and extracted.
import { readReutersFolder } from './reuters-sgml.js';

export interface CorpusArticle {
  feed: number;
  slug: string;
  title: string;
  paragraphs: string[];
  published: Date;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Distinct real wire stories (Reuters-21578, 1987) of at least ~120 words, spread over `feeds` feeds. */
export function buildCorpus(reutersDir: string, feeds: number, perFeed: number): CorpusArticle[] {
  const stories = readReutersFolder(reutersDir, new Map()).filter((s) => s.title && s.body.split(/\s+/).length >= 120);
  const wanted = feeds * perFeed;
  if (stories.length < wanted) throw new Error(`only ${stories.length} usable stories in ${reutersDir}, ${wanted} wanted`);
  return stories.slice(0, wanted).map((story, i) => {
    const body = story.body.replace(/\s*Reuter\s*$/i, '');
    // Wire copy breaks lines at 70 columns and paragraphs with an indent: rejoin lines, split on the indents.
    const paragraphs = body.split(/\n\s{2,}/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
    const title = story.title.charAt(0) + story.title.slice(1).toLowerCase();
    return { feed: i % feeds, slug: `story-${story.newId}`, title, paragraphs, published: new Date(Date.UTC(2025, 6, 1) + i * 60_000) };
  });
}

export function articleHtml(a: CorpusArticle, site: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${site}</title>
<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${a.published.toISOString()}"><meta name="author" content="Staff Reporter">
<link rel="stylesheet" href="/s.css"><script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script></head>
<body><header><a href="/">${site}</a><nav><ul>${['World', 'Politics', 'Business', 'Sport', 'Culture'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('')}</ul></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main><article><h1>${esc(a.title)}</h1><div class="byline">By Staff Reporter · ${a.published.toUTCString()}</div>
<figure><img src="/img/${a.slug}.jpg" alt=""><figcaption>Photo: Agency</figcaption></figure>
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="share">Share on Facebook · Share on X · Email</div></article>
<aside class="related"><h2>Read more</h2><ul>${[1, 2, 3, 4, 5].map((n) => `<li><a href="/related/${n}">Related headline number ${n} about the news</a></li>`).join('')}</ul></aside></main>
<footer><p>© ${site}. All rights reserved.</p><p>DOWNLOAD THE APP</p></footer></body></html>`;
}

export function feedXml(items: CorpusArticle[], origin: string, site: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${site}</title><link>${origin}/</link>
${items.map((a) => `<item><title>${esc(a.title)}</title><link>${origin}/article/${a.slug}</link><guid>${origin}/article/${a.slug}</guid><pubDate>${a.published.toUTCString()}</pubDate><description>${esc((a.paragraphs[0] ?? '').slice(0, 200))}</description></item>`).join('\n')}
</channel></rss>`;
}
