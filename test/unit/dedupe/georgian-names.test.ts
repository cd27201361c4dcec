// A Georgian report joins the English story of the same event (ADR 5, "Across languages"). Georgian has no capitals,
// so its names are the words the Georgian dictionary does not know, its surnames and CLDR's cities; their keys are the
// English spelling's. The articles go through the pipeline's own finishing step (tags, countries, terms) and the
// store, as a polled feed's would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { clusterInMemory } from '../../../src/ingest/cluster-in-memory.js';
import { finishArticle } from '../../../src/pipeline/article-steps.js';
import { georgianName } from '../../../src/pipeline/dedupe/georgian-names.js';
import { nameKey, neutralTerms } from '../../../src/pipeline/dedupe/name-keys.js';
import { placeArticle } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
import { storyStore } from '../../helpers/story-store.js';
import { fireInGeorgian, portInGeorgian, visitInEnglish, visitInGeorgian } from '../../helpers/georgian-reports.js';

let counter = 0;
/** An article as the pipeline finishes it: tags, countries and clustering terms from its title and text. */
const finished = (a: { title: string; text: string; language: string }) =>
  finishArticle({ ...a, url: `https://news.example/ka/${++counter}`, sourceName: 'Example' }, [a.text]);

const background = [
  { title: 'Central bank holds interest rates steady as inflation eases', text: 'The central bank kept rates unchanged on Tuesday, citing slower inflation.', language: 'en' },
  { title: 'Storm knocks out power to thousands along the coast', text: 'Crews worked overnight to restore power after the storm brought down lines.', language: 'en' },
];

describe('Georgian names', () => {
  it('keys a foreign name in Georgian as its English spelling, in any case form', () => {
    const pairs: [string, string][] = [
      ['ზელენსკი', 'Zelensky'],
      ['ზელენსკიმ', 'Zelensky'], // the ergative of a name ending in a vowel
      ['ზელენსკისთან', 'Zelensky'], // dative -ს kept before -თან
      ['პუტინს', 'Putin'],
      ['პუტინმა', 'Putin'],
      ['ერდოღანი', 'Erdogan'], // ღ is the g English takes from Turkish, not gh
      ['ერდოღანთან', 'Erdogan'],
      ['მაკრონი', 'Macron'],
      ['ბაიდენის', 'Biden'],
      ['ტრამპმა', 'Trump'],
      ['ლავროვი', 'Lavrov'],
      ['ფაშინიანი', 'Pashinyan'],
      ['ფაშინიანსა', 'Pashinyan'], // "ფაშინიანსა და ალიევს"
      ['ნეთანიაჰუ', 'Netanyahu'],
      ['კობახიძემ', 'Kobakhidze'],
      ['კობახიძის', 'Kobakhidze'],
      ['ივანიშვილმა', 'Ivanishvili'],
      ['ცხინვალში', 'Tskhinvali'],
    ];
    for (const [georgian, english] of pairs) expect([georgian, nameKey(georgian)]).toEqual([georgian, nameKey(english)]);
    expect(nameKey('პუტინს')).toBe('~ptn');
    expect(nameKey('ზელენსკი')).toBe('~zlnsk');
    // Pashinyan's key as the Armenian and Cyrillic forms give it.
    expect(nameKey('ფაშინიანი')).toBe('~psn');
    expect(nameKey('Փաշինյանը')).toBe('~psn');
    expect(nameKey('Пашиняна')).toBe('~psn');
  });

  it('takes the words the Georgian dictionary does not know for names, and the words it knows for words', () => {
    for (const word of ['ზელენსკი', 'ერდოღანმა', 'ფაშინიანს', 'მაკრონი', 'ბაიდენი', 'ლავროვი']) expect([word, georgianName(word)]).toEqual([word, word]);
    // Nouns and verbs in their case and person forms (a listed form, or a stem with the dictionary's affix rules),
    // plurals it has no rule for and the particle -ც.
    for (const word of ['საქართველო', 'მთავრობის', 'პრეზიდენტმა', 'შეთანხმებას', 'მოლაპარაკებები', 'განაცხადა', 'შეხვდა', 'აღნიშნა', 'ხუთშაბათს', 'ულტიმატუმების', 'სამინისტროებმა', 'ზრდაზეც']) {
      expect([word, georgianName(word)]).toEqual([word, undefined]);
    }
  });

  it('knows Georgian surnames by their endings and cities by CLDR, though the dictionary lists them', () => {
    expect(georgianName('კობახიძემ')).toBe('კობახიძემ');
    expect(georgianName('ივანიშვილის')).toBe('ივანიშვილის');
    expect(georgianName('თბილისში')).toBe('Tbilisi');
    expect(georgianName('ბრიუსელიდან')).toBe('Brussels');
    // Kin and other nouns that end as surnames do are words.
    for (const word of ['ქალიშვილი', 'შვილიშვილმა', 'ანდერძის', 'კვანძი', 'სიგრძე']) expect([word, georgianName(word)]).toEqual([word, undefined]);
  });

  it('reads Georgian names at a sentence start and in names joined by hyphens', () => {
    const stop = new Set<string>();
    expect(neutralTerms('ზელენსკიმ განაცხადა.', stop).terms).toEqual(['~zlnsk']);
    expect(neutralTerms('ბაქო-თბილისი-ყარსის რკინიგზა', stop).terms).toEqual(['~tbls']);
  });

  it('reads a number or a Latin name that a hyphen joins to its Georgian ending', () => {
    const stop = new Set<string>();
    expect(neutralTerms('ინფლაცია 12.3%-ით გაიზარდა, განაკვეთი 10%-ზე დარჩა, 30-მდე ქვეყანა, 2026-ში', stop).terms).toEqual(['#12.3', '#10', '#30']);
    expect(neutralTerms('ინტერვიუ Euronews-ის ეთერში', stop).terms).toEqual([nameKey('Euronews')]);
  });

  it('gives a Georgian report the countries, names and numbers its English counterpart has', () => {
    const terms = (a: { title: string; text: string; language: string }) => Object.keys(finished(a).terms).filter((t) => /^[~#@]/.test(t));
    const english = terms(visitInEnglish);
    const georgian = terms(visitInGeorgian);
    expect(georgian).toEqual(expect.arrayContaining(['@ge', '@tr', '~kbhdz', '~tbls', '#11']));
    expect(english.filter((t) => georgian.includes(t))).toEqual(expect.arrayContaining(['@ge', '@tr', '~kbhdz', '~tbls', '#11']));
  });

  it('joins a Georgian report to the English story of the same event, not one of another event (preview)', async () => {
    const stories = await clusterInMemory([...background, visitInEnglish, visitInGeorgian, portInGeorgian, fireInGeorgian].map(finished), placeArticle);
    const titles = stories.map((s) => s.map((a) => a.title));
    expect(titles).toContainEqual([visitInEnglish.title, visitInGeorgian.title]);
    // The prime minister and the country in common, nothing else: another event.
    expect(titles).toContainEqual([portInGeorgian.title]);
    expect(titles).toContainEqual([fireInGeorgian.title]);
  });

  describe('on the database path', () => {
    let db: Database;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.close());

    it('makes the same decision as the preview', async () => {
      const store = storyStore(db, finished);
      for (const b of background) await store(b);
      const visit = await store(visitInEnglish);
      // The port first: a report of another event stored before it must not draw the visit's Georgian report away.
      const port = await store(portInGeorgian);
      expect(port).not.toBe(visit);
      expect(await store(visitInGeorgian)).toBe(visit);
      expect(await store(fireInGeorgian)).not.toBe(visit);
    });
  });
});
