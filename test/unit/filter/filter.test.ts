import { describe, expect, it } from 'vitest';
import { filterMatcher, formatFilter, parseFilter, type FilterTarget } from '../../../src/pipeline/filter/filter.js';
import { UserError } from '../../../src/errors.js';

const article: FilterTarget = {
  title: 'Azerbaijan and Armenia sign a gas deal',
  text: 'The Caspian pipeline will carry gas to Europe. Officials in Baku said the Sanctions were not discussed.',
  countries: ['AZ', 'AM'],
  regions: ['south-caucasus'],
  topics: ['energy', 'diplomacy'],
  language: 'en',
};
const passes = (text: string, target = article) => filterMatcher(target)(parseFilter(text));

describe('source and route filters', () => {
  it('matches whole words in any case, phrases in order, and excludes with -', () => {
    expect(passes('gas')).toBe(true);
    expect(passes('GAS pipeline')).toBe(true);
    expect(passes('sanctions')).toBe(true); // any case
    expect(passes('pipe')).toBe(false); // whole words only
    expect(passes('"gas deal"')).toBe(true);
    expect(passes('"deal gas"')).toBe(false);
    expect(passes('gas -sport')).toBe(true);
    expect(passes('gas -pipeline')).toBe(false);
    expect(passes('-"gas deal"')).toBe(false);
  });

  // A filter on the WHO passed every article with "who" in it, and one on "U.S." every "join us".
  it('reads a common word typed in capitals as that acronym, and any other word in any case', () => {
    const at = (title: string, text = '') => ({ ...article, title, text });
    expect(passes('WHO', at('Who is next?', 'Officials who spoke said little.'))).toBe(false);
    expect(passes('WHO', at('Vaccine advice', 'The WHO said on Monday.'))).toBe(true);
    expect(passes('who', at('Who is next?'))).toBe(true);
    expect(passes('who', at('The WHO warns'))).toBe(true);
    expect(passes('U.S.', at('Join us tonight'))).toBe(false);
    expect(passes('U.S.', at('U.S. sanctions widen'))).toBe(true);
    expect(passes('US', at('New U.S. sanctions'))).toBe(true);
    expect(passes('"US sanctions"', at('New US sanctions'))).toBe(true);
    expect(passes('ASEAN', at('Asean summit opens'))).toBe(true); // not a common word: any case
    // A headline shouted in capitals says nothing by its capitals.
    expect(passes('WHO', at('WHO WON THE VOTE IN BAKU'))).toBe(false);
    expect(formatFilter(parseFilter('WHO -"join us"'))).toBe('WHO -"join us"');
    expect(parseFilter(formatFilter(parseFilter('U.S. gas')))).toEqual(parseFilter('U.S. gas'));
  });

  it('finds a phrase within the title or within the text, not running from one into the other', () => {
    const split = { ...article, title: 'Armenia and Azerbaijan talk gas', text: 'Deal expected soon.' };
    expect(passes('"gas deal"', split)).toBe(false);
    expect(passes('"deal expected"', split)).toBe(true);
    expect(passes('"talk gas"', split)).toBe(true);
  });

  it('reads `or` between two terms as either, and every other term as required', () => {
    expect(passes('oil or gas')).toBe(true);
    expect(passes('oil or coal')).toBe(false);
    expect(passes('baku oil or gas')).toBe(true);
    expect(passes('tbilisi oil or gas')).toBe(false);
  });

  // Each term must match or must not: "sport or -football" has no such reading, and was read as "sport -football",
  // dropping an article about football alone that the moderator meant to keep.
  it('refuses `or` next to an excluded term, in words, rather than reading it as "and"', () => {
    for (const text of ['sport or -football', '-sport or football']) {
      expect(() => parseFilter(text)).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringMatching(/^"or" joins words to look for; it cannot join an excluded -word\./) }));
    }
    expect(formatFilter(parseFilter('sport -football'))).toBe('sport -football');
  });

  it('filters by country, region, topic and language, commas meaning any of them', () => {
    expect(passes('country:AZ')).toBe(true);
    expect(passes('country:GE,AM topic:energy')).toBe(true);
    expect(passes('country:GE')).toBe(false);
    expect(passes('region:south-caucasus -topic:sport')).toBe(true);
    expect(passes('lang:ru')).toBe(false);
    expect(passes('lang:en "gas deal"')).toBe(true);
  });

  it('folds accents and reads unspaced scripts by their words', () => {
    expect(passes('cafe', { ...article, text: 'A new café opened.' })).toBe(true);
    expect(passes('日本', { ...article, title: '中国和日本举行经济会谈', text: '' })).toBe(true);
    // Arabic harakat and Hebrew niqqud are optional in writing, as accents are: the bare word finds the marked one,
    // and the other way round (a keyword follow is read as such a filter).
    expect(passes('محمد', { ...article, title: 'زيارة محمّد إلى باكو', text: '' })).toBe(true);
    expect(passes('مُحَمَّد', { ...article, title: 'زيارة محمد إلى باكو', text: '' })).toBe(true);
    expect(passes('ירושלים', { ...article, title: 'יְרוּשָׁלַיִם והסביבה', text: '' })).toBe(true);
  });

  it('finds words of a script without spaces by their letters, wherever ICU puts the word boundaries', () => {
    // ICU reads 北京市, กรุงเทพมหานคร and ខេត្តសៀមរាប as single words, and 习近平 as 习 + 近平 in a sentence.
    expect(passes('北京', { ...article, title: '北京市政府宣布新政策', text: '' })).toBe(true);
    expect(passes('กรุงเทพ', { ...article, title: 'กรุงเทพมหานครประกาศ', text: '' })).toBe(true);
    expect(passes('សៀមរាប', { ...article, title: '', text: 'ខេត្តសៀមរាប' })).toBe(true);
    expect(passes('"习 近平"', { ...article, title: '', text: '习近平在北京市会见' })).toBe(true);
    expect(passes('-北京', { ...article, title: '北京市政府宣布新政策', text: '' })).toBe(false);
    expect(passes('上海', { ...article, title: '北京市政府宣布新政策', text: '' })).toBe(false);
    // Not from the title into the text; words of other scripts stay whole words beside them.
    expect(passes('北京', { ...article, title: '东北', text: '京剧' })).toBe(false);
    expect(passes('"covid 疫苗"', { ...article, title: '', text: 'precovid疫苗' })).toBe(false);
    expect(passes('"covid 疫苗"', { ...article, title: '', text: 'COVID疫苗接种' })).toBe(true);
  });

  it('resolves typed names to codes and writes the stored form back', () => {
    const resolve = (field: string, typed: string) => (field === 'country' ? ({ georgia: 'GE', azerbaijan: 'AZ' } as Record<string, string>)[typed.toLowerCase()] : typed);
    const filter = parseFilter('Oil  or "Gas Deal" -sport country:Georgia,Azerbaijan lang:ru', resolve);
    expect(formatFilter(filter)).toBe('oil or "gas deal" -sport country:GE,AZ lang:ru');
    expect(() => parseFilter('country:Atlantis', resolve)).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringContaining('"Atlantis"') }));
  });

  it('refuses in words what cannot be a filter', () => {
    const refused: [string, string][] = [
      ['', 'invalid'],
      ['?! ...', 'invalid'],
      ['x'.repeat(301), 'limit'],
      [Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '), 'limit'],
      ['"one two three four five six seven eight nine"', 'limit'],
    ];
    for (const [text, code] of refused) {
      let thrown: unknown;
      try {
        parseFilter(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(UserError);
      expect(thrown, text).toMatchObject({ code });
    }
  });

  it('reads an article repeating one word 24,000 times in one pass (it runs where posts are planned)', () => {
    const flooded: FilterTarget = { ...article, text: `${'oil '.repeat(24_000)}price` };
    expect(passes('oil -sport', flooded)).toBe(true);
    expect(passes('"oil oil price"', flooded)).toBe(true);
    expect(passes('"price oil"', flooded)).toBe(false);
  });

  // Reading a 4 MB page whole held the thread that plans posts for a second.
  it('reads the first 100,000 characters of a text, and the whole title', () => {
    const long: FilterTarget = { ...article, title: 'Headline', text: `${'word '.repeat(19_999)}early ${'word '.repeat(2)}late` };
    expect(passes('early', long)).toBe(true);
    expect(passes('late', long)).toBe(false);
    expect(passes('headline', long)).toBe(true);
  });
});

describe('a filter stored longer than it was typed', () => {
  it('still filters: its stored form is read back whatever its length', async () => {
    const { viewsForAudience } = await import('../../../src/ingest/guild-views.js');
    // Under 300 typed characters; each hyphenated word is stored as a quoted phrase, two characters longer.
    const words = Array.from({ length: 14 }, (_, i) => `Nagorno-Karabakh${String.fromCharCode(97 + i)}`);
    const typed = words.join(' or ');
    expect(typed.length).toBeLessThanOrEqual(300);
    const stored = formatFilter(parseFilter(typed));
    expect(stored.length).toBeGreaterThan(300);
    const audience = { sources: [{ guildId: 'g', filter: stored, region: null, tags: [] }], regionOverrides: new Map(), routes: new Map() } as unknown as Parameters<typeof viewsForAudience>[0];
    const view = (title: string) => viewsForAudience(audience, { countries: [], topics: [] } as never, { title, text: '' }).get('g')!;
    expect(view('Talks on Nagorno-Karabakhc resume').admits!(stored)).toBe(true);
    expect(view('Football results').admits!(stored)).toBe(false);
  });
});
