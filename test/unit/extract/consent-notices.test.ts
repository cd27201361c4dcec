// Cookie-consent notices (src/pipeline/extract/consent-notice.ts): a page that shows only one is refused in words a
// moderator understands, and one beside an article is set aside so the article is read.
import { describe, expect, it } from 'vitest';
import { extractArticle, isNotAnArticleError } from '../../../src/pipeline/extract/index.js';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import type { FeedKind } from '../../../src/pipeline/types.js';
import { baku, fetched, fixture } from '../parse/helpers.js';

const url = 'https://herald.example.ge/region/2025/07/10/white-bridge-reopens';
const reasonOf = (html: string): string => {
  try {
    extractArticle(html, url, baku);
  } catch (error) {
    if (isNotAnArticleError(error)) return error.reason;
    throw error;
  }
  return 'read';
};
const parse = (html: string, kind?: FeedKind, at = url) => parseSource(fetched(html, at, 'text/html'), { dates: baku, ...(kind && { kind }) });

describe('a cookie-consent page instead of the article', () => {
  const wall = fixture('page-cookie-wall.html');

  it('is refused as one, not as a page without text', () => {
    expect(reasonOf(wall)).toBe('the site shows a cookie-consent page instead of the article');
    expect(() => parse(wall)).toThrow(new ParseError('This page has no articles: the site shows a cookie-consent page instead of the article.'));
    expect(() => parse(wall, 'listing', 'https://herald.example.ge/region/')).toThrow(new ParseError('This page has no articles: the site shows a cookie-consent page instead of the articles.'));
    expect(() => parse(wall, 'thread')).toThrow(new ParseError('This page has no forum posts: the site shows a cookie-consent page instead of the thread.'));
  });

  it('is told by its wording too, in no consent manager’s markup', () => {
    const html = `<!doctype html><html><head><title>Before you continue</title></head><body><div class="wall"><h1>Before you continue</h1>
      <p>We use cookies and data to deliver and maintain our services, measure audience engagement and show personalised ads.</p>
      <p>If you choose to Accept all, we will also use cookies to develop new services. Select Reject all to decline.</p></div></body></html>`;
    expect(reasonOf(html)).toBe('the site shows a cookie-consent page instead of the article');
  });
});

describe('a consent banner beside the article', () => {
  it('is left out of the article’s text, however long its prose', () => {
    const html = fixture('article-cookie-banner.html');
    const text = extractArticle(html, url, baku).text;
    expect(text).toMatch(/^The White Bridge over the Rioni/);
    expect(text).toMatch(/final inspection\.$/);
    expect(text).not.toMatch(/partners|cookies/);
    expect(parse(html).items[0]!.text).toBe(text);
  });

  it('does not make a short section a consent page, nor a story about cookies one', () => {
    const card = (n: number) => `<article><h2><a href="/region/2025/07/0${n}/kutaisi-story-number-${n}">Kutaisi story number ${n} from the region</a></h2></article>`;
    const banner = '<div id="cookie-bar" class="cookie-bar"><p>This website uses cookies. By continuing you accept cookies and our cookie policy.</p></div>';
    const section = `<!doctype html><html><head><title>Region</title></head><body>${banner}<main>${[1, 2, 3, 4].map(card).join('')}</main></body></html>`;
    expect(parse(section, 'listing', 'https://herald.example.ge/region/').items).toHaveLength(4);
    const recipe = `<!doctype html><html><head><title>Grandmother's walnut cookies</title><meta property="og:type" content="article"></head><body><article><h1>Grandmother's walnut cookies</h1>
      <div class="cookie-recipe"><p>${'Churchkhela is not the only Imeretian sweet: walnut cookies are baked for every supra in the villages around Kutaisi. '.repeat(4)}</p>
      <p>${'Mix the flour, butter and honey, fold in the chopped walnuts and bake the cookies for twelve minutes until golden. '.repeat(3)}</p></div></article></body></html>`;
    expect(extractArticle(recipe, url, baku).text).toMatch(/^Churchkhela/);
  });

  it('does not refuse a short story about consent banners, which names two of a notice’s phrases', () => {
    const story = `<!doctype html><html><head><title>Regulator fines shopping site over cookie banner</title></head><body><article><h1>Regulator fines shopping site over cookie banner</h1>
      <p>The data protection regulator fined a Tbilisi shopping site 40,000 lari on Tuesday over the banner it shows visitors.</p>
      <p>Inspectors found that visitors could accept all cookies with one click, while the option to reject all was hidden three menus deep.</p>
      <p>The company said it would change the banner within a month and appeal against the size of the fine.</p></article></body></html>`;
    expect(reasonOf(story)).toBe('read');
    expect(parse(story, 'article').items[0]!.title).toBe('Regulator fines shopping site over cookie banner');
  });
});
