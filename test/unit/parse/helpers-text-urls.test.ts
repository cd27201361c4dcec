import { describe, expect, it } from 'vitest';
import { rootElement, sniffDocument } from '../../../src/pipeline/parse/sniff.js';
import { cleanTitle, fallbackTitle, htmlToText, looksTruncated, slugify } from '../../../src/pipeline/parse/text.js';
import { hostOf, sameSite, siteOfHost } from '../../../src/pipeline/hosts.js';
import { looksLikeArticleUrl, looksLikeHeadline, resolveUrl } from '../../../src/pipeline/parse/urls.js';

describe('text helpers', () => {
  it('finds the first sentence without stopping at initials or abbreviations', () => {
    expect(fallbackTitle('U.S. President Donald Trump spoke to Mr. Aliyev on Monday. Then he left.')).toBe('U.S. President Donald Trump spoke to Mr. Aliyev on Monday');
    expect(fallbackTitle('Is this the end? Maybe not.')).toBe('Is this the end?');
  });

  it('slugs titles into stable ASCII-ish fragments', () => {
    expect(slugify("The South Caucasus is slipping from Russia's grasp")).toBe('the-south-caucasus-is-slipping-from-russias-grasp');
    expect(slugify('Türkiye – Ermənistan: sərhəd açılır?')).toBe('turkiye-ermənistan-sərhəd-acılır');
    expect(slugify('a '.repeat(100)).length).toBeLessThanOrEqual(80);
  });

  it('turns HTML into paragraphs, decoding entities and dropping scripts', () => {
    expect(htmlToText('<p>One &amp; <b>two</b></p><script>x()</script><p>Three<br>Four</p>')).toBe('One & two\n\nThree\n\nFour');
    expect(cleanTitle('  Baku &amp;amp; <i>Moscow</i>\n')).toBe('Baku & Moscow');
  });

  it('recognises teasers cut short', () => {
    expect(looksTruncated('The minister said the talks would continue […]')).toBe(true);
    expect(looksTruncated('It went on... Continue reading →')).toBe(true);
    expect(looksTruncated('The talks will continue next week.')).toBe(false);
  });
});

describe('URL helpers', () => {
  const page = 'https://www.example.co.uk/news/';

  it('resolves hrefs, refusing script and mail links', () => {
    expect(resolveUrl('../a/b', 'https://x.example/c/d/')).toBe('https://x.example/c/a/b');
    expect(resolveUrl('javascript:void(0)', page)).toBeUndefined();
    expect(resolveUrl('mailto:desk@example.com', page)).toBeUndefined();
  });

  it('treats subdomains of one registrable domain as one site, by one rule for every stage', () => {
    expect(siteOfHost(hostOf('https://news.bbc.co.uk/x'))).toBe('bbc.co.uk');
    expect(siteOfHost(hostOf('https://edition.cnn.com/x'))).toBe('cnn.com');
    expect(siteOfHost('news.abc.az')).toBe('abc.az'); // a short name is not a public second level
    expect(siteOfHost('president.gov.az')).toBe('president.gov.az');
    expect(sameSite('https://www.example.co.uk/a', 'https://news.example.co.uk/b')).toBe(true);
    expect(sameSite('https://example.com/a', 'https://example.org/a')).toBe(false);
    expect(sameSite('not a url', 'not a url')).toBe(false);
  });

  it('tells article URLs from index and utility pages', () => {
    for (const yes of ['/news/2025/07/10/baku-summons-envoy', '/world/europe-12345678', '/politics/azerbaijan-russia-rupture-deepens.html', 'https://m.example.co.uk/story.php?id=42', '/ru/новости/азербайджан-и-россия']) {
      expect(looksLikeArticleUrl(new URL(yes, page).toString(), page)).toBe(true);
    }
    for (const no of ['/', '/news/', '/tag/russia-azerbaijan-relations', '/author/leyla-mammadova-writer', '/about-us', '/img/photo-of-baku-port.jpg', 'https://other.example.com/news/some-long-story-slug', '/politics/page/2']) {
      expect(looksLikeArticleUrl(new URL(no, page).toString(), page)).toBe(false);
    }
  });

  it('tells headlines from navigation labels', () => {
    expect(looksLikeHeadline('Baku summons Russian envoy')).toBe(true);
    expect(looksLikeHeadline('Politics')).toBe(false);
    expect(looksLikeHeadline('Read more')).toBe(false);
    expect(looksLikeHeadline('東京で大規模な抗議デモ')).toBe(true);
  });
});

describe('sniffing', () => {
  it('reads the root element past declarations, comments and doctypes', () => {
    expect(rootElement('<?xml version="1.0"?>\n<!-- generator -->\n<?xml-stylesheet href="s.xsl"?><rdf:RDF>')).toBe('rdf');
    expect(rootElement('<!DOCTYPE html><html lang="en">')).toBe('html');
  });

  it('trusts content over Content-Type', () => {
    expect(sniffDocument('<rss version="2.0"><channel/></rss>', 'text/html').shape).toBe('xml-feed');
    expect(sniffDocument('<!DOCTYPE html><html><body></body></html>', 'application/rss+xml').shape).toBe('html');
    expect(sniffDocument('{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[]}', 'text/plain').shape).toBe('json-feed');
    expect(sniffDocument('Yesterday, 09:20 AM\nSome post', 'text/plain').shape).toBe('text');
    expect(sniffDocument('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'application/octet-stream').shape).toBe('xml-feed');
  });
});
