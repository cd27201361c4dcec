import { describe, expect, it } from 'vitest';
import { articleBlocks, candidateSentences } from '../../../src/pipeline/summarize/candidates.js';
import { cleanSentence, isFurniture, isQuotedPost } from '../../../src/pipeline/summarize/furniture.js';

describe('isFurniture', () => {
  it.each([
    'DOWNLOAD THE APP',
    'Get Started Now: Download the App',
    'app-storeplay-store',
    'Read more: Border talks collapse',
    'READ MORE',
    'Share this article',
    'Share on Facebook',
    'Follow us on Twitter',
    'Follow @gazette on Instagram',
    'Sign up for our newsletter',
    'Sign up to our daily briefing email.',
    'Advertisement',
    'Photo: Reuters',
    'Image credit: Getty Images',
    'Smoke rises over the city on Monday. (AP Photo/Jane Doe)',
    'Demonstrators gather outside parliament, Getty Images',
    'By John Smith',
    'By JANE DOE, Political Editor',
    "The views expressed in this article are the author's own and do not necessarily reflect Al Jazeera's editorial stance.",
    'We use cookies to improve your experience on our site.',
    'Scroll down for video',
    'Related articles',
    'You may also like',
    '© 2025 Gazette Media. All rights reserved.',
    'Published: 10:24 GMT, 7 April 2015',
    'Yesterday, 09:20 AM',
    'time10-07-2025',
    'Читайте также: переговоры сорваны',
    'Lesen Sie auch: Gespräche gescheitert',
  ])('flags %j', (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    'By Sunday, the town had been evacuated.',
    'Today, the president signed the bill into law.',
    'Many economists share this view of the crisis.',
    'Follow-up talks are planned for next week.',
    'The app was downloaded by millions of users last year, the company said.',
    'Officials said the newsletter scandal had cost the minister his job.',
    'He said the photo showed troops near the border.',
    'Cambodia has boycotted some Thai internet services.',
    // News about apps, cookies and privacy, which speaks neither to the reader nor about the site.
    "Russia's regulator ordered Apple to remove 25 VPN apps from its App Store.",
    'Regulators fined Meta over its cookie consent banners on Thursday.',
    'The EU said TikTok breached its privacy policy commitments to young users.',
  ])('keeps %j', (sentence) => {
    expect(isFurniture(sentence)).toBe(false);
  });
});

describe('isQuotedPost', () => {
  it('recognises quoted earlier posts in forum threads', () => {
    expect(isQuotedPost('(Yesterday, 09:10 AM)Tee tiong huat Wrote: Azerbaijan is openly challenging Russia’s influence.')).toBe(true);
    expect(isQuotedPost('JohnDoe wrote:')).toBe(true);
    expect(isQuotedPost('Quote from: admin on May 3')).toBe(true);
    expect(isQuotedPost('Azerbaijan’s recent moves amount to a full-blown political rupture.')).toBe(false);
    expect(isQuotedPost('The minister said: talks will resume.')).toBe(false);
    expect(isQuotedPost('He wrote: the talks will resume next week.')).toBe(false);
  });
});

describe('cleanSentence', () => {
  it('drops list markers, links, inline credits and stray asterisks but keeps the sentence whole', () => {
    expect(cleanSentence('- However soon after, detainees died.')).toBe('However soon after, detainees died.');
    expect(cleanSentence('This hard pivot has a long runway: for years, * Azerbaijan has been moving westward.')).toBe(
      'This hard pivot has a long runway: for years, Azerbaijan has been moving westward.',
    );
    expect(cleanSentence('Watch the clip at https://youtu.be/abc?x=1 today.')).toBe('Watch the clip at today.');
    expect(cleanSentence('Troops crossed the border (Photo: Reuters) on Monday.')).toBe('Troops crossed the border on Monday.');
  });

  it('drops wire-service datelines at the start', () => {
    expect(cleanSentence("(CNN)ESPN's reporter was suspended.")).toBe("ESPN's reporter was suspended.");
    expect(cleanSentence('LONDON (Reuters) - Shares fell on Monday.')).toBe('Shares fell on Monday.');
    expect(cleanSentence('The report (AP) was wrong.')).toBe('The report (AP) was wrong.');
  });
});

describe('article blocks and candidates', () => {
  const page = [
    'The talks collapsed on Monday after three days of negotiations in Geneva between the two delegations.',
    'Both sides blamed each other for the failure and said they would not return to the table soon.',
    'Observers expect the border to stay closed for weeks, hurting trade and travel in the region.',
    'DOWNLOAD THE APP',
    'Get Started Now: Download the App',
    'Ready to dive into a world of global content with local flavor? Download Daily8 app today and start exploring.',
    'app-storeplay-store',
  ].join('\n\n');

  it('drops a trailing run of page-end prompts with the blurbs between them', () => {
    const blocks = articleBlocks(page, 'en').map((b) => b.join(' '));
    expect(blocks).toHaveLength(3);
    expect(blocks.join(' ')).not.toMatch(/Ready to dive|Download/);
  });

  it('keeps ordinary paragraphs that follow a mid-article caption', () => {
    const text = [
      'The talks collapsed on Monday after three days of negotiations in Geneva.',
      'Photo: Reuters',
      'Both sides blamed each other for the failure of the negotiations.',
      'Observers expect the border to stay closed for weeks.',
    ].join('\n\n');
    expect(articleBlocks(text, 'en')).toHaveLength(4);
    expect(candidateSentences('Talks collapse', text, 'en').map((c) => c.text)).toEqual([
      'The talks collapsed on Monday after three days of negotiations in Geneva.',
      'Both sides blamed each other for the failure of the negotiations.',
      'Observers expect the border to stay closed for weeks.',
    ]);
  });

  it('drops a short line with furniture in it whole: a cookie banner’s or a caption’s other sentences too', () => {
    const text = [
      'We use cookies to improve your experience. By continuing you agree.',
      'Prime Minister Hun Manet visits troops at the border. REUTERS/Cindy Liu',
      'The talks collapsed on Monday after three days of negotiations in Geneva. Both sides blamed each other for the failure, and the border stays closed.',
    ].join('\n\n');
    expect(candidateSentences('Talks collapse', text, 'en').map((c) => c.text)).toEqual([
      'The talks collapsed on Monday after three days of negotiations in Geneva.',
      'Both sides blamed each other for the failure, and the border stays closed.',
    ]);
  });

  it('skips an embedded post read as text, with its signature line', () => {
    const text = [
      'What a night for the club. Three points and a clean sheet against our rivals! pic.twitter.com/x',
      '— United FC (@unitedfc) July 10, 2025',
      'Proud of every single one of the lads out there tonight, thank you fans.',
      'A post shared by Ivan Petrov (@ivanpetrov) on Jul 10, 2025 at 3:12am PDT',
      'United beat City 3-1 in the derby on Saturday, with two late goals.',
      '- Reporting by Jane Doe; editing by John Smith',
    ].join('\n\n');
    expect(candidateSentences('United win the derby', text, 'en').map((c) => c.text)).toEqual([
      'United beat City 3-1 in the derby on Saturday, with two late goals.',
    ]);
  });

  it('skips pieces of a quotation split inside it, in any quoting style', () => {
    const text = [
      'Among the highlights: "I\'m on television," and "I wouldn\'t work at a place like this.',
      'Makes my skin crawl even being here."',
      'Der Minister sagte: „Wir sind bereit.“ Die Gespräche beginnen am Montag.',
      'Il a déclaré: «Nous sommes prêts.» Les discussions commencent lundi.',
    ].join('\n');
    expect(candidateSentences('T', text).map((c) => c.text)).toEqual([
      'Der Minister sagte: „Wir sind bereit.“',
      'Die Gespräche beginnen am Montag.',
      'Il a déclaré: «Nous sommes prêts.»',
      'Les discussions commencent lundi.',
    ]);
    // A quotation of three sentences: its middle one has no mark of its own, and is someone's words all the same.
    const three = 'Pashinyan told parliament: “We will leave. They did not help us in 2022. We will decide when.” The foreign ministry in Moscow said it regretted the decision.';
    expect(candidateSentences('T', three).map((c) => c.text)).toEqual(['The foreign ministry in Moscow said it regretted the decision.']);
  });

  it('skips the title, headings, duplicates and a last sentence cut off with an ellipsis', () => {
    const text = [
      'Talks collapse in Geneva',
      'Politics',
      'The talks collapsed on Monday after three days of negotiations.',
      'The talks collapsed on Monday after three days of negotiations.',
      'For the region, drawing a line early is a way of...',
    ].join('\n');
    expect(candidateSentences('Talks collapse in Geneva', text, 'en').map((c) => c.text)).toEqual([
      'The talks collapsed on Monday after three days of negotiations.',
    ]);
  });
});
