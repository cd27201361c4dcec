// The plain-text rules on captures other than the seeds: the same rules, other sites.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { baku, fetched } from './helpers.js';

const text = (body: string, url = 'https://capture.example.com/page') => parseSource(fetched(body, url, 'text/plain'), { dates: baku });
const html = (body: string, url = 'https://capture.example.com/page') => parseSource(fetched(body, url, 'text/html'), { dates: baku });

describe('forum threads as text', () => {
  const capture = [
    'Re: Georgian protests',
    'tbilisi_night',
    'Posts: 1,204',
    '10-07-2025, 08:15 PM',
    'Rustaveli Avenue is full again tonight.',
    'Reply',
    'kutaisi_rain',
    '11-07-2025, 09:00 AM',
    'tbilisi_night said:',
    'Rustaveli Avenue is full again tonight.',
    'Click to expand...',
    'Police kept their distance this time, which is new.',
    'Quote',
  ].join('\n');
  const result = text(capture);

  it('gives one item per post, with poster, day-first date and own text', () => {
    expect(result.kind).toBe('thread');
    expect(result.items.map((i) => [i.author, i.publishedAt?.toISOString(), i.text])).toEqual([
      ['tbilisi_night', '2025-07-10T16:15:00.000Z', 'Rustaveli Avenue is full again tonight.'],
      ['kutaisi_rain', '2025-07-11T05:00:00.000Z', 'Police kept their distance this time, which is new.'],
    ]);
  });

  it('names each post by its poster and opening, not its place: the next post after a deleted one is not taken for it', () => {
    const [first, second] = result.items.map((i) => i.url);
    expect(first).toMatch(/^https:\/\/capture\.example\.com\/page#post-h[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
    // The first post deleted: the second keeps its name, in the first one's place.
    const afterDeletion = text(capture.split('\n').slice(6).join('\n').replace(/^/, 'Re: Georgian protests\n'));
    expect(afterDeletion.items.map((i) => i.url)).toEqual([second]);
  });
});

describe('a short post in a thread as text', () => {
  // A one-line post is a 'short' line, like the next post's poster name below it; it ended its post only when it closed
  // on a lower-case letter and a stop, so one ending "member 1." was read as part of the next post's header and lost.
  it.each(['As Nino, writes member 1.', 'Closed since March 2024.'])('keeps a post that ends in a number and a stop: %s', (middle) => {
    const capture = [
      'Re: Border crossings',
      'tbilisi_night',
      '10-07-2025, 08:15 PM',
      'The Lars crossing reopened this morning after two days of snow.',
      'kutaisi_rain',
      '11-07-2025, 09:00 AM',
      middle,
      'batumi_sun',
      '11-07-2025, 10:30 AM',
      'It was open again by the evening, trucks were moving.',
    ].join('\n');
    const result = text(capture);
    expect(result.kind).toBe('thread');
    expect(result.items.map((i) => [i.author, i.text])).toEqual([
      ['tbilisi_night', 'The Lars crossing reopened this morning after two days of snow.'],
      ['kutaisi_rain', middle],
      ['batumi_sun', 'It was open again by the evening, trucks were moving.'],
    ]);
  });
});

describe('listing pages as text', () => {
  it('reads headline / outlet / date blocks without repeated titles, with bylines and a footer', () => {
    const capture = [
      'World news',
      '',
      'Baku and Moscow trade accusations over raid deaths',
      'Caucasus Times',
      '10 July 2025',
      'By Leyla Mammadova',
      'Azerbaijan and Russia traded accusations on Thursday over the deaths of two men detained in Yekaterinburg, and Baku cancelled a cultural festival.',
      'Officials gave no further details.',
      'Advertisement',
      'Georgia signs railway deal with Kazakhstan',
      'Steppe Daily',
      '9 July 2025',
      'Georgia and Kazakhstan signed an agreement on Wednesday to expand freight traffic on the Middle Corridor through the port of Poti.',
      'Subscribe to our newsletter',
      '© 2025 Steppe Daily. All rights reserved.',
    ].join('\n');
    const result = text(capture);
    expect(result.kind).toBe('listing');
    expect(result.title).toBe('World news');
    expect(result.items.map((i) => [i.title, i.sourceName, i.author, i.publishedAt?.toISOString()])).toEqual([
      ['Baku and Moscow trade accusations over raid deaths', 'Caucasus Times', 'Leyla Mammadova', '2025-07-09T20:00:00.000Z'],
      ['Georgia signs railway deal with Kazakhstan', 'Steppe Daily', undefined, '2025-07-08T20:00:00.000Z'],
    ]);
    expect(result.items[0]!.text).toBe(
      'Azerbaijan and Russia traded accusations on Thursday over the deaths of two men detained in Yekaterinburg, and Baku cancelled a cultural festival.\n\nOfficials gave no further details.',
    );
    expect(result.items[1]!.text).not.toMatch(/newsletter|rights reserved/);
    expect(result.items[1]!.url).toBe('https://capture.example.com/page#georgia-signs-railway-deal-with-kazakhstan');
  });

  it('keeps a dated update line inside an article as part of it', () => {
    const capture = [
      'Armenia and Azerbaijan initial peace treaty text in Washington',
      'Caucasus Times',
      '10 July 2025',
      'The two foreign ministers initialled the text of a peace treaty on Thursday after decades of conflict over Karabakh, officials said.',
      'Updated 10 July 2025',
      'Both parliaments must still ratify the text, which requires changes to the Armenian constitution.',
      'Second headline on the same aggregator page',
      'Steppe Daily',
      '9 July 2025',
      'A body paragraph that is long enough to be prose, about something else entirely on the same page of news.',
    ].join('\n');
    const result = text(capture);
    expect(result.kind).toBe('listing');
    expect(result.items).toHaveLength(2);
    expect(result.items[0]!.text).toContain('Both parliaments must still ratify');
  });
});

describe('a single article as text', () => {
  it('is an article item whose title is the first line and whose text stops at the footer', () => {
    const capture = [
      'Armenia and Azerbaijan initial a peace treaty',
      '',
      'The two countries initialled the text of a peace treaty in Washington on Thursday, ending decades of conflict over Karabakh.',
      '',
      'Share',
      'Both parliaments must still ratify it.',
      'Related articles',
      'Another headline that is not part of this article',
    ].join('\n');
    const result = text(capture, 'https://capture.example.com/peace.txt');
    expect(result.kind).toBe('article');
    const item = result.items[0]!;
    expect(item.title).toBe('Armenia and Azerbaijan initial a peace treaty');
    expect(item.url).toBe('https://capture.example.com/peace.txt');
    expect(item.text).toBe(
      'The two countries initialled the text of a peace treaty in Washington on Thursday, ending decades of conflict over Karabakh.\n\nBoth parliaments must still ratify it.',
    );
    expect(item.html).toBe(
      '<p>The two countries initialled the text of a peace treaty in Washington on Thursday, ending decades of conflict over Karabakh.</p>\n<p>Both parliaments must still ratify it.</p>',
    );
    expect(item.needsFetch).toBe(false);
  });
});

describe('the text rules on HTML whose markup matches no known engine', () => {
  it('reads a forum with plain divs as posts, leaving out a quoted post', () => {
    const page = `<!DOCTYPE html><html><body><div class="thread"><h1>Baku port</h1>
      <div><b>port_watcher</b></div><div>Yesterday, 09:20 AM</div>
      <div>The new terminal opened today and ships are already queueing outside the harbour.</div>
      <div><b>sea_dog</b></div><div>Today, 07:00 AM</div>
      <div>(Yesterday, 09:20 AM)port_watcher Wrote: The new terminal opened today.</div>
      <div>Queues are normal for a new terminal, give it a month.</div></div></body></html>`;
    const result = html(page, 'https://forum.example.com/t/42');
    expect(result.kind).toBe('thread');
    expect(result.title).toBe('Baku port');
    expect(result.items.map((i) => [i.author, i.publishedAt?.toISOString(), i.text])).toEqual([
      ['port_watcher', '2025-07-10T05:20:00.000Z', 'The new terminal opened today and ships are already queueing outside the harbour.'],
      ['sea_dog', '2025-07-11T03:00:00.000Z', 'Queues are normal for a new terminal, give it a month.'],
    ]);
  });
});
