import { describe, expect, it } from 'vitest';
import { datelineCountry, leadingDateline } from '../../../src/pipeline/tag/index.js';
import { findMentions } from '../../../src/pipeline/tag/countries.js';
import { datelinePlaces } from '../../../src/pipeline/tag/dateline.js';
import { articleSegments } from '../../../src/pipeline/tag/tag-article.js';
import { tokenize } from '../../../src/pipeline/tag/text.js';

describe('datelineCountry', () => {
  it.each([
    ['NEW YORK, March 3 -', 'US'],
    ['WASHINGTON, Feb 26 -', 'US'],
    ['LONDON, March 4 -', 'GB'],
    ['PEKING, March 4 -', 'CN'],
    ['CALGARY, Alberta, March 3 -', 'CA'],
    ['VANCOUVER, British Columbia, March 3 -', 'CA'],
    ['TAUPO, New Zealand, March 3 -', 'NZ'],
    ['GREENWICH, Conn., March 3 -', 'US'],
    ['PORTLAND, Ore., Feb 26 -', 'US'],
    ['NORTH DIGHTON, MA., March 27 -', 'US'],
    ['SAN JOSE, Calif., March 3 -', 'US'],
    ['SAN JOSE, March 16 -', 'CR'],
    ['FORT WORTH, March 20 -', 'US'],
    ['BAHRAIN, March 30 -', 'BH'],
    ['HONG KONG, March 11 -', 'HK'],
    ['BAKU, July 10 (Reuters) -', 'AZ'],
    ['Toronto, March 10 -', 'CA'],
    ['KYIV, 10 July —', 'UA'],
  ])('%j → %s', (dateline, code) => {
    expect(datelineCountry(dateline)).toBe(code);
  });

  it('returns undefined for places it does not know', () => {
    expect(datelineCountry('NOWHEREVILLE, March 3 -')).toBeUndefined();
    expect(datelineCountry('')).toBeUndefined();
  });

  it('reads an ambiguous qualifier (Georgia) by its city, else by the rule for running text', () => {
    expect(datelineCountry('ATLANTA, Georgia (AP) —')).toBe('US');
    expect(datelineCountry('SAVANNAH, Georgia —')).toBe('US');
    // Athens is in Greece and in Georgia the state: of the two places "Georgia" can be, only the state has one.
    expect(datelineCountry('ATHENS, Georgia —')).toBe('US');
    expect(datelineCountry('TBILISI, Georgia (Reuters) -')).toBe('GE');
    expect(datelineCountry('BATUMI, Georgia —')).toBe('GE');
    // Georgia's towns the gazetteer lacks are listed (GORI, TELAVI, ANAKLIA, STEPANTSMINDA), the state's are in it.
    for (const city of ['GORI', 'TELAVI', 'ANAKLIA', 'STEPANTSMINDA']) expect(datelineCountry(`${city}, Georgia (AP) —`), city).toBe('GE');
    for (const city of ['MACON', 'AUGUSTA', 'COLUMBUS', 'VALDOSTA', 'MARIETTA']) expect(datelineCountry(`${city}, Georgia —`), city).toBe('US');
    // A town known in neither (or only elsewhere: Rome), with nothing else to go by: the state, as before.
    for (const city of ['STATESBORO', 'CARROLLTON', 'ROME']) expect(datelineCountry(`${city}, Georgia —`), city).toBe('US');
    expect(datelineCountry('AMMAN, Jordan —')).toBe('JO');
  });

  it("weighs a qualifier its city cannot place against the evidence findMentions weighed for the article's mentions", () => {
    const evidenceOf = (text: string) => findMentions(articleSegments(tokenize(''), tokenize(text))).evidence;
    // Russia and Armenia are Georgia's neighbours: support for the country; Atlanta is a place of the state.
    expect(datelineCountry('ROME, Georgia —', evidenceOf('Voters said prices had risen since the border with Russia and Armenia closed.'))).toBe('GE');
    expect(datelineCountry('ROME, Georgia —', evidenceOf('Voters here and in nearby Atlanta queued for hours on Tuesday.'))).toBe('US');
  });

  it('splits the place from the date and agency', () => {
    expect(datelinePlaces('CALGARY, Alberta, March 3 - ')).toEqual(['CALGARY', 'Alberta']);
    expect(datelinePlaces('BAKU, Azerbaijan (AP) — ')).toEqual(['BAKU', 'Azerbaijan']);
  });
});

describe('leadingDateline', () => {
  it('finds a wire dateline opening a text', () => {
    expect(leadingDateline('BAKU, Azerbaijan (AP) — Officials said on Tuesday …')).toBe('BAKU, Azerbaijan');
    expect(leadingDateline('LONDON (Reuters) - Oil prices rose.')).toBe('LONDON');
    expect(leadingDateline('PHNOM PENH, June 24 -- Cambodia said …')).toBe('PHNOM PENH, June 24');
    // Day first, with the year, and places written with letters beyond ASCII.
    expect(leadingDateline('YANGON, 28 March 2025 (Reuters) - A strong earthquake …')).toBe('YANGON, 28 March 2025');
    expect(leadingDateline('PHNOM PENH, June 24, 2025 — Cambodia said …')).toBe('PHNOM PENH, June 24, 2025');
    expect(leadingDateline('SÃO PAULO, 3 July — Brazil’s central bank …')).toBe('SÃO PAULO, 3 July');
  });

  it('gives a day-first dateline its country', () => {
    expect(datelineCountry(leadingDateline('YANGON, 28 March 2025 (Reuters) - A strong earthquake …')!)).toBe('MM');
    expect(datelineCountry(leadingDateline('BAKU, 10 July 2025 — Officials said …')!)).toBe('AZ');
  });

  it('does not take an ordinary first sentence for a dateline', () => {
    expect(leadingDateline('Azerbaijan is openly challenging Russia’s influence - and more.')).toBeUndefined();
    expect(leadingDateline('Yesterday, 09:20 AM\n(Yesterday, 09:10 AM)Tee tiong huat Wrote: Azerbaijan …')).toBeUndefined();
  });
});
