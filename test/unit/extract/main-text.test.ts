import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/pipeline/extract/index.js';
import { articlePage, storyParagraphs } from './fixtures/pages.js';

const context = { fetchedAt: new Date('2025-07-11T12:00:00Z'), timezone: 'UTC', dayFirst: true };
const url = 'https://courier.example/politics/border-talks';
const textOf = (html: string): string => extractArticle(html, url, context).text;
const story = storyParagraphs.join('\n\n');

describe('furniture inside the story', () => {
  it('drops ads, "Read more" links, captions with credits and timestamp lines', () => {
    const insideStory = `
      <div class="ad-slot"><span>Advertisement</span></div>
      <p class="ad-label">Advertisement</p>
      <p><strong>READ MORE: <a href="/a/9">EU monitors extend their mission in Armenia</a></strong></p>
      <p>Continue reading below</p>
      <div class="photo"><img src="/x.jpg"><p>Villagers near the border (Image: GETTY)</p></div>
      <p>Villagers walk past a checkpoint in Tavush province, Armenia, on Tuesday. (AP Photo/Hrant Khachatryan, File)</p>
      <p>Updated 5:27 am CST, Wednesday, November 20, 2019</p>
      <div class="inline-promo"><a href="/app">DOWNLOAD THE APP</a></div>`;
    expect(textOf(articlePage({ insideStory }))).toBe(story);
  });

  it('drops a "You may also like" run of headlines written as ordinary paragraphs', () => {
    const paragraphs = [
      ...storyParagraphs,
      'You may also like...',
      '<a href="/a/4">Who will win the regional football cup in 2026?</a>',
      '<a href="/a/5">Five villages to visit in Tavush this summer</a>',
      '<a href="/a/6">New bus line links Yerevan and Tbilisi</a>',
    ];
    expect(textOf(articlePage({ paragraphs }))).toBe(story);
  });

  it('drops breadcrumbs and the title repeated above the story, and a closing list of linked headlines', () => {
    const paragraphs = [
      '<a href="/">Home</a> › <a href="/politics">Politics</a>',
      'Armenia and Azerbaijan to resume border talks',
      '10/07/2025 - Published by: Anna Hakobyan - Category: Politics<br>' + storyParagraphs[0],
      ...storyParagraphs.slice(1),
      '<a href="/a/7">Georgia opens a new border crossing near Sadakhlo</a>',
      '<a href="/a/8">EU monitors extend their mission in Armenia by two years</a>',
    ];
    expect(textOf(articlePage({ paragraphs }))).toBe(story);
  });

  it('drops a headline linking to another story on the site, but keeps a link out to a shop or a source', () => {
    const related = '<p><strong><a href="https://www.courier.example/world/georgia-border">GEORGIA OPENS A NEW BORDER CROSSING NEAR SADAKHLO</a></strong></p>';
    const shop = '<p><a href="https://www.amazon.com/dp/B0123">Get the Caucasus road atlas on Amazon for $24.99</a></p>';
    const text = textOf(articlePage({ insideStory: related + shop }));
    expect(text).not.toContain('GEORGIA OPENS');
    expect(text).toContain('Get the Caucasus road atlas on Amazon for $24.99');
  });

  it('keeps a quoted social-media post even inside a wrapper called "social"', () => {
    const insideStory = `<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">Talks resume in Vienna next month. A good step for both peoples. <a href="https://t.co/x">https://t.co/x</a></p>— EU Special Representative (@EUSR) <a href="https://twitter.com/eusr/status/1">July 10, 2025</a></blockquote></div>`;
    const text = textOf(articlePage({ insideStory }));
    expect(text).toContain('Talks resume in Vienna next month. A good step for both peoples.');
    expect(text).toContain('— EU Special Representative (@EUSR)');
  });

  it('keeps subheadings inside the story as their own paragraphs, but not a deck above it', () => {
    const beforeStory = '<h2 class="story-dek">Foreign ministers met in Vienna and set a timetable for the border commissions</h2>';
    const insideStory = '<h2>What happens next</h2>';
    const paragraphs = storyParagraphs.slice(0, 2).join('\n\n') + '\n\nWhat happens next\n\n' + storyParagraphs.slice(2).join('\n\n');
    expect(textOf(articlePage({ beforeStory, insideStory }))).toBe(paragraphs);
  });

  it('drops hidden elements and keeps line breaks, table cells and preformatted text readable', () => {
    const insideStory = `
      <p style="display:none">Hidden teaser text that readers never see on the page at all.</p>
      <p>The joint statement listed three steps:<br>a commission meeting,<br>a field survey,<br>a final protocol.</p>
      <table><tr><th>Section</th><th>Length</th></tr><tr><td>Tavush</td><td>210 km</td></tr><tr><td>Syunik</td><td>300 km</td></tr></table>
      <pre>km   0  border post
km  12  river crossing</pre>`;
    const text = textOf(articlePage({ insideStory }));
    expect(text).not.toContain('Hidden teaser');
    expect(text).toContain('The joint statement listed three steps:\na commission meeting,\na field survey,\na final protocol.');
    expect(text).toContain('Tavush 210 km');
    expect(text).toContain('km   0  border post\nkm  12  river crossing');
  });
});

describe('utility CSS', () => {
  it('keeps story blocks whose classes only say overflow-hidden, and drops screen-reader-only text', () => {
    const [a, b, c, d] = storyParagraphs;
    const e = 'The European Union said its monitoring mission would stay in place while the commissions work, and that it was ready to send experts on mapping and on the exchange of detainees if both governments asked for them.';
    const f = 'Both delegations are expected to meet again in Vienna in September, diplomats said.';
    const html = `<html lang="en"><head><title>Border talks</title></head><body class="bg-white">
      <nav class="flex gap-4"><a href="/">Home</a><a href="/world">World</a></nav>
      <main class="mx-auto max-w-3xl"><article class="prose">
        <h1 class="text-3xl font-bold">Border talks</h1>
        <div class="relative overflow-hidden rounded-lg"><p>${a}</p><p>${b}</p></div>
        <p>${c}</p><p>${d}</p><p>${e}</p>
        <span class="sr-only">Advertisement, continue reading below</span>
        <div class="overflow-x-hidden md:hidden lg:block"><p>${f}</p></div>
      </article></main></body></html>`;
    expect(textOf(html)).toBe([a, b, c, d, e, f].join('\n\n'));
  });
});

describe('huge pages', () => {
  // Sizes at which quadratic work or a recursive walk would run past the test timeout or overflow the stack.
  it('handles a page with tens of thousands of blocks around the story', () => {
    const links = Array.from({ length: 20_000 }, (_, i) => `<li><a href="/a/${i}">Archive story number ${i} from the regional desk</a></li>`).join('');
    const html = articlePage({ afterStory: `<div class="archive"><ul>${links}</ul></div>` });
    expect(textOf(html)).toBe(story);
  });

  it('survives markup nested tens of thousands of levels deep', () => {
    const deep = '<div><font>'.repeat(20_000);
    const html = articlePage({ insideStory: `${deep}<span>unclosed</span>` });
    const text = textOf(html);
    expect(text).toContain(storyParagraphs[0]);
  });
});
