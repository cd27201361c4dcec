// feedsmith reads any parsed object with a `length` member as an array: an item holding `<length>50000000</length>`
// made a 50-million-slot array in the parsing worker, whose heap limit then aborted the whole process (a member could
// do it with /news share); a small number made the item vanish. The same held for JSON Feed and OPML.
import { describe, expect, it } from 'vitest';
import { feedsmithInput } from '../../../src/pipeline/parse/feedsmith-input.js';
import { parseOpml } from '../../../src/pipeline/parse/opml.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { baku, fetched } from './helpers.js';

const read = (body: string, contentType: string) => parseSource(fetched(body, 'https://length.example/feed', contentType), { dates: baku, kind: 'feed' });
const rss = (extra: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Length</title><item><title>Kept item</title><link>https://length.example/a</link><enclosure url="https://length.example/a.mp3" length="123" type="audio/mpeg"/>${extra}</item></channel></rss>`;

describe('a member named "length" (or "constructor") in a feed', () => {
  it('neither loses the item nor builds an array of that length, in RSS, Atom and any case', () => {
    for (const extra of ['<length>3</length>', '<length>50000000</length>', '<LENGTH>50000000</LENGTH>', '<length/>', '<constructor>x</constructor>', '<__proto__><polluted>1</polluted></__proto__>']) {
      expect(read(rss(extra), 'application/rss+xml').items.map((i) => i.title)).toEqual(['Kept item']);
    }
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Length</title><entry><title>Atom item</title><id>urn:a</id><link href="https://length.example/b"/><length>50000000</length></entry></feed>`;
    expect(read(atom, 'application/atom+xml').items.map((i) => i.title)).toEqual(['Atom item']);
  });

  it('is left out of a JSON Feed, wherever it is', () => {
    const hasLength = (value: unknown): boolean => !!value && typeof value === 'object' && Object.entries(value).some(([k, v]) => k === 'length' || hasLength(v));
    expect(hasLength(feedsmithInput('{"items": [{"tags": {"length": 50000000}}], "length": 2}'))).toBe(false);
    const items = { length: 50000000 };
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Length', items });
    expect(read(json, 'application/feed+json').items).toEqual([]);
    const listed = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Length', items: [{ id: '1', url: 'https://length.example/c', title: 'JSON item', tags: { length: 50000000 } }] });
    expect(read(listed, 'application/feed+json').items.map((i) => i.title)).toEqual(['JSON item']);
    const named = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Length', items: [{ id: '1', url: 'https://length.example/d', title: 'Named item', constructor: 'x' }] });
    expect(read(named, 'application/feed+json').items.map((i) => i.title)).toEqual(['Named item']);
  });

  // The renaming is of elements: a code sample in an item's CDATA text is kept as written.
  it('leaves text inside CDATA and comments as written', () => {
    const code = 'for (i = 0; i <length ; i++) <Constructor>';
    const [item] = read(rss(`<description><![CDATA[<p>Code:</p><pre>${code}</pre>]]></description><!-- <length> -->`), 'application/rss+xml').items;
    expect(item!.html).toContain(code);
    expect(item!.html).not.toContain('x-');
  });

  it('does not empty an OPML file', () => {
    const opml = `<opml version="2.0"><head><title>x</title></head><body><outline text="Feed" xmlUrl="https://length.example/f"><length>50000000</length></outline></body></opml>`;
    expect(parseOpml(opml)).toEqual([{ url: 'https://length.example/f', title: 'Feed' }]);
  });
});
