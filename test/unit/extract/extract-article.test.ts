import { describe, expect, it } from 'vitest';
import type { NotAnArticleError } from '../../../src/pipeline/extract/index.js';
import { extractArticle, isNotAnArticleError } from '../../../src/pipeline/extract/index.js';
import { UserError } from '../../../src/errors.js';
import { articlePage, storyParagraphs } from './fixtures/pages.js';

const context = { fetchedAt: new Date('2025-07-11T12:00:00Z'), timezone: 'Asia/Yerevan', dayFirst: true };
const url = 'https://www.courier.example/politics/2025/07/border-talks?utm_source=newsletter&id=42';

describe('extractArticle metadata', () => {
  it('prefers JSON-LD over meta tags and visible text', () => {
    const head = `
      <meta property="og:title" content="Border talks to resume – Caucasus Courier">
      <meta name="author" content="Meta Author">
      <meta property="article:published_time" content="2025-07-09T08:00:00+04:00">
      <meta property="og:image" content="/img/meta.jpg">
      <meta property="og:site_name" content="Caucasus Courier">
      <script type="application/ld+json">
      {"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","@id":"https://courier.example/#site","name":"Caucasus Courier"},
        {"@type":"Organization","@id":"https://courier.example/#org","name":"Caucasus Courier Media"},
        {"@type":"NewsArticle","headline":"Armenia, Azerbaijan agree to resume border talks",
         "author":[{"@type":"Person","name":"Anna Hakobyan"},{"@type":"Person","name":"Farid Aliyev"}],
         "datePublished":"2025-07-10T09:20:00+04:00","image":{"@type":"ImageObject","url":"https://cdn.courier.example/lead.jpg"},
         "publisher":{"@id":"https://courier.example/#org"}}
      ]}
      </script>`;
    const article = extractArticle(articlePage({ head }), url, context);
    expect(article.title).toBe('Border talks to resume');
    expect(article.author).toBe('Anna Hakobyan, Farid Aliyev');
    expect(article.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(article.imageUrl).toBe('https://www.courier.example/img/meta.jpg');
    expect(article.sourceName).toBe('Caucasus Courier');
  });

  it('falls back to meta tags when there is no JSON-LD', () => {
    const head = `
      <meta name="author" content="By Meta Author">
      <meta property="article:author" content="https://www.facebook.com/some.profile">
      <meta property="article:published_time" content="2025-07-09T08:00:00Z">
      <meta name="twitter:image" content="https://cdn.courier.example/card.jpg">`;
    const article = extractArticle(articlePage({ head }), url, context);
    expect(article.author).toBe('Meta Author');
    expect(article.publishedAt?.toISOString()).toBe('2025-07-09T08:00:00.000Z');
    expect(article.imageUrl).toBe('https://cdn.courier.example/card.jpg');
  });

  it('reads a day-first date and the byline printed on the page when nothing is declared', () => {
    const article = extractArticle(articlePage(), url, context);
    // "10-07-2025 09:20" on a day-first source in Yerevan (UTC+4) is 10 July, 05:20 UTC — not 7 October.
    expect(article.publishedAt?.toISOString()).toBe('2025-07-10T05:20:00.000Z');
    expect(article.author).toBe('Anna Hakobyan');
    expect(article.title).toBe('Armenia and Azerbaijan to resume border talks');
    expect(article.sourceName).toBe('courier.example');
  });

  it('takes the story\'s <time datetime>, not one from a "latest news" list above it', () => {
    const html = articlePage()
      .replace('<main>', '<main><ul class="latest"><li><a href="/a/1">Earlier story</a> <time datetime="2025-07-11T08:00:00Z">8:00</time></li></ul>')
      .replace('<span class="dateline">10-07-2025 09:20</span>', '<time datetime="2025-07-10T07:45:00+04:00">10 July</time>');
    expect(extractArticle(html, url, context).publishedAt?.toISOString()).toBe('2025-07-10T03:45:00.000Z');
  });

  it('takes no publication time from a site name in a "meta" line, in any script', () => {
    const undated = articlePage().replace('<span class="dateline">10-07-2025 09:20</span>', '');
    expect(extractArticle(undated.replace('<main>', '<main><div class="meta">USA TODAY</div>'), url, context).publishedAt).toBeUndefined();
    expect(extractArticle(undated.replace('<main>', '<main><div class="meta">Газета «Сегодня»</div>'), url, context).publishedAt).toBeUndefined();
    // A line with a full year is read without its relative words, Cyrillic ones too.
    expect(extractArticle(undated.replace('<main>', '<main><div class="meta">© 2019 «Вчера, 10:15»</div>'), url, context).publishedAt).toBeUndefined();
  });

  it('prefers the source name it was given', () => {
    const head = '<meta property="og:site_name" content="Caucasus Courier | News from the region">';
    expect(extractArticle(articlePage({ head }), url, context).sourceName).toBe('Caucasus Courier');
    expect(extractArticle(articlePage({ head }), url, { ...context, sourceName: 'CC (English)' }).sourceName).toBe('CC (English)');
  });

  it('keeps a same-site canonical URL, cleaned of tracking parameters', () => {
    const head = '<link rel="canonical" href="https://courier.example/politics/2025/07/border-talks?utm_campaign=x">';
    expect(extractArticle(articlePage({ head }), url, context).url).toBe('https://courier.example/politics/2025/07/border-talks');
  });

  it('ignores a canonical URL on another site and one pointing at the home page', () => {
    const elsewhere = '<link rel="canonical" href="https://aggregator.example/story/123"><meta property="og:url" content="https://aggregator.example/story/123">';
    expect(extractArticle(articlePage({ head: elsewhere }), url, context).url).toBe('https://www.courier.example/politics/2025/07/border-talks?id=42');
    const home = '<link rel="canonical" href="https://www.courier.example/">';
    expect(extractArticle(articlePage({ head: home }), url, context).url).toBe('https://www.courier.example/politics/2025/07/border-talks?id=42');
  });

  // Stored under another's address, an article made the other a duplicate (or took its place): a canonical on a
  // neighbouring host of a shared platform, or a section's address that a template gave every article.
  it("ignores a canonical URL on another publisher's host of a shared domain, and one naming a section above the article", () => {
    const page = (head: string, at: string) => extractArticle(articlePage({ head }), at, context).url;
    expect(page('<link rel="canonical" href="https://victim.substack.com/p/their-big-scoop">', 'https://attacker.substack.com/p/mine')).toBe('https://attacker.substack.com/p/mine');
    expect(page('<link rel="canonical" href="https://victim.github.io/2025/scoop">', 'https://attacker.github.io/2025/mine')).toBe('https://attacker.github.io/2025/mine');
    expect(page('<link rel="canonical" href="https://www.courier.example/politics/">', url)).toBe('https://www.courier.example/politics/2025/07/border-talks?id=42');
    // A publisher's own variants still lead to the article's address: AMP and mobile hosts, an AMP page's article.
    expect(page('<link rel="canonical" href="https://www.courier.example/politics/2025/07/border-talks">', 'https://amp.courier.example/politics/2025/07/border-talks')).toBe('https://www.courier.example/politics/2025/07/border-talks');
    expect(page('<link rel="canonical" href="https://edition.courier.example/politics/2025/07/border-talks">', 'https://m.courier.example/politics/2025/07/border-talks')).toBe('https://edition.courier.example/politics/2025/07/border-talks');
    expect(page('<link rel="canonical" href="https://courier.example/politics/2025/07/border-talks">', 'https://courier.example/politics/2025/07/border-talks/amp')).toBe('https://courier.example/politics/2025/07/border-talks');
  });

  it('titles a page that has no title anywhere with the start of its text', () => {
    const html = articlePage().replace(/<title>.*<\/title>/, '').replace(/<h1 class="story-headline">.*<\/h1>/, '');
    const article = extractArticle(html, url, context);
    expect(article.title).toBe('YEREVAN, Armenia — Armenia and Azerbaijan agreed on Tuesday to reopen talks on the delimitation of their border…');
  });

  it('titles a page in a script without spaces with whole words, never half a character', () => {
    // Thai writes no spaces between words; a fixed cut at 60 code units fell between "ล" and its vowel sign "ื".
    const thai = 'ข่าวข่าวการเมืองไทยวันนี้รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วมในภาคเหนือและภาคตะวันออกเฉียงเหนือ';
    const html = articlePage({ paragraphs: [thai, thai, thai, thai], htmlAttrs: 'lang="th"' })
      .replace(/<title>.*<\/title>/, '')
      .replace(/<h1 class="story-headline">.*<\/h1>/, '');
    const { title } = extractArticle(html, url, context);
    expect(title).toMatch(/…$/);
    const kept = title.slice(0, -1);
    expect(thai.startsWith(kept)).toBe(true);
    expect(thai.slice(kept.length)).not.toMatch(/^\p{M}/u);
  });

  it('never returns a URL or a handle as the author', () => {
    const head = '<meta name="author" content="https://courier.example/staff/anna"><meta name="twitter:creator" content="@anna">';
    const html = articlePage({ head }).replace('<span class="byline">By Anna Hakobyan</span>', '');
    expect(extractArticle(html, url, context).author).toBeUndefined();
  });
});

describe('extractArticle language', () => {
  it('takes the declared language', () => {
    expect(extractArticle(articlePage({ htmlAttrs: 'lang="en-GB"' }), url, context).language).toBe('en');
  });

  it('detects Russian text on an undeclared page', () => {
    const paragraphs = [
      'Армения и Азербайджан во вторник договорились возобновить переговоры о делимитации границы, сообщили официальные лица в обеих столицах после нескольких месяцев застоя.',
      'Объявление последовало за встречей министров иностранных дел двух стран в Вене, где посредники из Европейского союза призвали стороны согласовать график работы комиссий.',
      'Жители приграничных сёл говорят, что уже слышали подобные обещания. «Мы хотим знать, где заканчиваются наши поля», — сказал местный фермер.',
    ];
    expect(extractArticle(articlePage({ htmlAttrs: '', paragraphs }), url, context).language).toBe('ru');
  });

  it('detects Arabic text even when the template declares English', () => {
    const paragraphs = [
      'اتفقت أرمينيا وأذربيجان يوم الثلاثاء على استئناف المحادثات بشأن ترسيم الحدود بينهما، بحسب ما أعلن مسؤولون في العاصمتين بعد أشهر من الجمود.',
      'وجاء الإعلان عقب اجتماع وزيري خارجية البلدين في فيينا، حيث حث الوسطاء من الاتحاد الأوروبي الجانبين على وضع جدول زمني لعمل اللجان المشتركة.',
      'وقال سكان القرى الحدودية إنهم سمعوا مثل هذه الوعود من قبل، وإنهم يريدون معرفة أين تنتهي حقولهم قبل موسم الحصاد المقبل.',
    ];
    expect(extractArticle(articlePage({ paragraphs }), url, context).language).toBe('ar');
  });
});

describe('NotAnArticleError', () => {
  const refuse = (html: string): NotAnArticleError => {
    try {
      extractArticle(html, 'https://courier.example/x', context);
    } catch (error) {
      if (isNotAnArticleError(error)) return error;
      throw error;
    }
    throw new Error('expected the page to be refused');
  };

  it('refuses an empty page in plain words a member can read', () => {
    const error = refuse('<html><head><title>Loading…</title></head><body><div id="app"></div></body></html>');
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('This page does not look like an article (no main text found).');
  });

  it('refuses an error page', () => {
    const html = `<html><head><title>Page not found | Caucasus Courier</title></head><body>
      <nav><a href="/">Home</a><a href="/world">World</a></nav>
      <main><h1>Page not found</h1><p>Sorry, the page you were looking for does not exist or has been moved. Try the search box above or go back to the home page to find the latest news from the region.</p></main></body></html>`;
    expect(refuse(html).reason).toBe('it is an error page');
  });

  it('refuses a login wall', () => {
    const html = `<html><head><title>Subscribers only</title></head><body><main><article><h1>Border talks resume</h1>
      <p>This article is for subscribers only. Already a subscriber? Please log in to continue reading, or choose one of our plans and get unlimited access to all our journalism.</p>
      <p><a href="/login">Log in</a> <a href="/subscribe">Subscribe</a></p></article></main></body></html>`;
    expect(refuse(html).reason).toBe('the text is behind a login or paywall');
  });

  it('refuses an index page of linked headlines', () => {
    const items = Array.from({ length: 12 }, (_, i) =>
      `<li class="teaser"><h3><a href="/politics/story-${i}">Headline number ${i} about the regional news of the day</a></h3><span class="time">2 hours ago</span></li>`,
    ).join('\n');
    const html = `<html><head><title>Politics | Caucasus Courier</title><meta property="og:type" content="website"></head>
      <body><header><nav><a href="/">Home</a></nav></header><main><h1>Politics</h1><ul class="story-list">${items}</ul></main></body></html>`;
    expect(refuse(html).reason).toBe('it is a list of links, such as an index page');
  });

  it('accepts a short but real news brief', () => {
    const brief = ['Armenia and Azerbaijan agreed on Tuesday to resume border talks in Vienna next month, the foreign ministries of both countries said in a joint statement.'];
    expect(extractArticle(articlePage({ paragraphs: brief }), url, context).text).toBe(brief[0]);
  });
});

describe('extractArticle text', () => {
  it('returns only the story, paragraphs separated by a blank line', () => {
    expect(extractArticle(articlePage(), url, context).text).toBe(storyParagraphs.join('\n\n'));
  });

  it('falls back to the JSON-LD articleBody when the HTML is a script-rendered shell', () => {
    const body = storyParagraphs.join('\n').replace('"We want', '&quot;We want');
    const html = `<html lang="en"><head><title>Border talks | Courier</title>
      <script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Border talks', articleBody: body })}</script>
      </head><body><div id="root"><p>Loading…</p></div><script src="/app.js"></script></body></html>`;
    expect(extractArticle(html, url, context).text).toBe(storyParagraphs.join('\n\n'));
  });

  it('keeps its own reading when the JSON-LD body is a truncated teaser', () => {
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: storyParagraphs[0]!.slice(0, 120) })}</script>`;
    expect(extractArticle(articlePage({ head }), url, context).text).toBe(storyParagraphs.join('\n\n'));
  });
});
