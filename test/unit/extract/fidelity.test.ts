// Posts say exactly what the article says: patterns seen on real pages, rebuilt as small pages of our own.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/pipeline/extract/index.js';
import { summaryInput } from '../../../src/pipeline/article-input.js';
import { createSummarizer, joinSummary } from '../../../src/pipeline/summarize/index.js';
import { tagArticle } from '../../../src/pipeline/tag/index.js';

const context = { fetchedAt: new Date('2025-07-11T12:00:00Z'), timezone: 'UTC', dayFirst: true };
const page = (title: string, body: string) =>
  `<html><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>${title}</h1>${body}</article><footer>© Example News</footer></body></html>`;
const filler = (topic: string) =>
  Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i + 1} goes on about ${topic}, with enough ordinary words in it to read as the body of a real news story, as such stories usually do.</p>`).join('');

describe('fidelity of extraction and summaries', () => {
  it('keeps a linked name inside a sentence, whatever its class says', async () => {
    const html = page(
      'United win the derby',
      `<p>Forward <a class="player-link" href="/players/ivan-petrov">Ivan Petrov</a> scored twice as United beat City 3-1 in the derby on Saturday.</p>${filler('the match')}`,
    );
    const article = extractArticle(html, 'https://news.example/sport/derby', context);
    expect(article.text.split('\n')[0]).toBe('Forward Ivan Petrov scored twice as United beat City 3-1 in the derby on Saturday.');
    const summary = joinSummary(await createSummarizer().summarize({ title: article.title, text: article.text }));
    expect(summary).toMatch(/^Forward Ivan Petrov scored twice/);
  });

  it('keeps the name a hover card wraps in a sentence, and drops the card', () => {
    const card = `<span class="rollover-people"><a class="rollover-people-link" href="/people/kristi-noem">Kristi Noem</a><span class="rollover-people-block"><span class="rollover-block"><img src="/noem.jpg"><a class="name" href="/people/kristi-noem">Kristi Lynn Noem</a><a class="people-articles" href="/news/1">Governor doubles down on her anti-drug campaign</a></span></span></span>`;
    const html = page('Noem defends campaign', `<p>South Dakota Gov. ${card} (R) is defending the state's new anti-drug campaign after it drew mockery online on Monday.</p>${filler('the campaign')}`);
    expect(extractArticle(html, 'https://news.example/politics/noem', context).text.split('\n')[0]).toBe("South Dakota Gov. Kristi Noem (R) is defending the state's new anti-drug campaign after it drew mockery online on Monday.");
  });

  it('still drops a block the class marks as furniture', () => {
    const html = page('United win the derby', `<div class="player-card">Ivan Petrov, 24, forward</div><p>United beat City 3-1 in the derby on Saturday, with two late goals.</p>${filler('the match')}`);
    expect(extractArticle(html, 'https://news.example/sport/derby', context).text).not.toMatch(/forward$/m);
  });

  it('keeps a name inside a sentence whose span class looks like an unlikely candidate', () => {
    const html = page(
      'United win the derby',
      `<p>Forward <span class="player-header">Ivan Petrov</span> scored twice as United beat City 3-1 in the derby on Saturday.</p>${filler('the match')}`,
    );
    const article = extractArticle(html, 'https://news.example/sport/derby', context);
    expect(article.text.split('\n')[0]).toBe('Forward Ivan Petrov scored twice as United beat City 3-1 in the derby on Saturday.');
  });

  it('still drops a block whose class marks it as an unlikely candidate', () => {
    const html = page(
      'United win the derby',
      `<div class="social-header">Follow our live coverage of every derby this season on the app</div><p>United beat City 3-1 in the derby on Saturday, with two late goals.</p>${filler('the match')}`,
    );
    const text = extractArticle(html, 'https://news.example/sport/derby', context).text;
    expect(text).not.toMatch(/live coverage/);
    expect(text).toMatch(/^United beat City 3-1/);
  });

  it('does not take a name in the middle of a sentence for the byline', () => {
    const html = page(
      'United win the derby',
      `<p>Coach <span class="author-name">Ivan Petrov</span> said United beat City 3-1 in the derby on Saturday.</p>${filler('the match')}`,
    );
    const article = extractArticle(html, 'https://news.example/sport/derby', context);
    expect(article.text.split('\n')[0]).toBe('Coach Ivan Petrov said United beat City 3-1 in the derby on Saturday.');
    expect(article.author).not.toBe('Ivan Petrov');
  });

  it('still reads the byline after "By", with words after it too', () => {
    const html = page(
      'United win the derby',
      `<div>By <span class="author-name">Jane Doe</span> | 10 July 2025</div><p>United beat City 3-1 in the derby on Saturday, with two late goals.</p>${filler('the match')}`,
    );
    const article = extractArticle(html, 'https://news.example/sport/derby', context);
    expect(article.author).toBe('Jane Doe');
    expect(article.text).toMatch(/^United beat City 3-1/);
  });

  it('keeps a linked name inside a sentence whose class says "share"', () => {
    const html = page(
      'United win the derby',
      `<p>Forward <a class="share-link" href="/players/ivan-petrov">Ivan Petrov</a> scored twice as United beat City 3-1 in the derby on Saturday.</p>${filler('the match')}`,
    );
    const article = extractArticle(html, 'https://news.example/sport/derby', context);
    expect(article.text.split('\n')[0]).toBe('Forward Ivan Petrov scored twice as United beat City 3-1 in the derby on Saturday.');
  });

  it('still drops a share bar', () => {
    const html = page(
      'United win the derby',
      `<p>United beat City 3-1 in the derby on Saturday, with two late goals.</p><div><span class="share">Facebook</span> <span class="share">Whatsapp</span></div>${filler('the match')}`,
    );
    const text = extractArticle(html, 'https://news.example/sport/derby', context).text;
    expect(text).not.toMatch(/Facebook|Whatsapp/);
  });

  it('keeps a standfirst in the text but tells the story from the writer’s own sentences', async () => {
    const blurb = 'A columnist argues that trams would end the city’s traffic jams within a decade.';
    const html = page('Why the city needs more trams', `<p id="article-summary">${blurb}</p><p>The city has talked about trams for twenty years, and every year the traffic gets worse while the plans gather dust.</p>${filler('the tram plan')}`).replace(
      '<head>',
      `<head><meta name="description" content="${blurb}">`,
    );
    const article = extractArticle(html, 'https://news.example/opinion/trams', context);
    expect(article.text.startsWith(blurb)).toBe(true); // part of the article, as readers see it
    expect(article.standfirst).toBe(blurb);
    const summary = joinSummary(await createSummarizer().summarize(summaryInput(article)));
    expect(summary).not.toContain(blurb);
    expect(summary).toMatch(/^The city has talked about trams/);
  });

  it('keeps embedded posts and inserted captions in the text, but never in the summary', async () => {
    const embeds = [
      '<blockquote class="twitter-tweet"><p lang="en">What a night for the club. Three points and a clean sheet against our rivals! <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; United FC (@unitedfc) <a href="https://twitter.com/unitedfc/status/1">July 10, 2025</a></blockquote>',
      '<blockquote class="instagram-media"><div><p>Proud of every single one of the lads out there tonight, thank you fans!</p><p>A post shared by Ivan Petrov (@ivanpetrov) on Jul 10, 2025</p></div></blockquote>',
      '<div class="embed"><p>The coach praised the defence after a hard-fought game in the rain on Saturday.</p></div>',
      '<div class="art-insert"><img src="/goal.jpg"><p>Ivan Petrov celebrates his second goal in front of the home fans at the stadium.</p></div>',
    ].join('');
    const html = page('United win the derby', `${embeds}<p>United beat City 3-1 in the derby on Saturday, with two late goals from their new forward.</p>${filler('the match')}`);
    const article = extractArticle(html, 'https://news.example/sport/derby', context);
    expect(article.text).toContain('What a night for the club.'); // the article as readers see it
    expect(article.text).toContain('Ivan Petrov celebrates his second goal');
    const summary = joinSummary(await createSummarizer().summarize(summaryInput(article)));
    expect(summary).toMatch(/^United beat City 3-1/);
    expect(summary).not.toMatch(/What a night|Proud of every|coach praised|celebrates his second goal|@/);
  });

  it('leaves a byline label line out of an opinion column', () => {
    const html = page(
      'Why the city needs more trams',
      `<p>Opinion Columnist</p><p>The city has talked about trams for twenty years, and every year the traffic gets worse while the plans gather dust.</p>${filler('the tram plan')}`,
    );
    const text = extractArticle(html, 'https://news.example/opinion/trams', context).text;
    expect(text).not.toMatch(/Opinion Columnist/);
    expect(text).toMatch(/^The city has talked about trams/);
  });

  it('does not tag a science story Sport for a volume in Olympic-size swimming pools', () => {
    const tags = tagArticle({
      title: 'Glacier lost as much water as 4,000 Olympic-size swimming pools',
      text: 'Researchers measured the glacier with satellites and found it lost as much ice as 4,000 Olympic-size swimming pools in one summer. The melt covered an area the size of a football field every hour. Scientists said the climate trend would continue.',
    });
    expect(tags.topics).not.toContain('sport');
  });

  it.each([
    '4,000 Olympic swimming pools',
    '4,000 Olympic-sized swimming pools',
    'an Olympic swimming pool',
  ])('does not tag a science story Sport for a volume in %s', (volume) => {
    const tags = tagArticle({
      title: `Glacier lost as much water as ${volume}`,
      text: `Researchers measured the glacier with satellites and found it lost as much ice as ${volume} in one summer. Scientists said the climate trend would continue.`,
    });
    expect(tags.topics).not.toContain('sport');
  });

  it('still tags an Olympic swimming final Sport', () => {
    const tags = tagArticle({
      title: 'Swimmer wins Olympic gold in the 200m final',
      text: 'The athlete won Olympic gold in the 200m freestyle final, beating the world champion in the Olympic swimming pool in Paris. Her coach said the team had trained for the championship all season.',
    });
    expect(tags.topics).toContain('sport');
  });
});
