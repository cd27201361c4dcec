// Across languages a join counts people, not name tokens (ADR 5, issue 7): "Donald Trump" is two name keys but one
// person, so two people named in full are not the three names a join takes without a number. The Alaska summit's
// Russian and Thai reports name Trump and Putin in full as the English story of their later phone call does: another
// event, kept apart in both directions; the call's Russian report, which also names Budapest, still joins it. All of
// them but the Thai name Ukraine as well (Украине, Ukraine: `~krn`), a country's name and no third person.
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { finishStoring } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { clusterInMemory } from '../../../src/ingest/cluster-in-memory.js';
import { finishArticle } from '../../../src/pipeline/article-steps.js';
import { addToCentroid, chooseStory, idfOf, peopleAmong, placeArticle, rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { isCountryNameKey } from '../../../src/pipeline/dedupe/country-name-keys.js';
import { worldCountries } from '../../../src/pipeline/tag/world-countries.js';
import { countryNameTerm, nameKey, neutralTerms, samePersonTerm } from '../../../src/pipeline/dedupe/name-keys.js';
import { joinsTheEnglishStory, type Report } from '../../helpers/cross-language-join.js';
import { createTestDatabase } from '../../helpers/db.js';
import { storyStore } from '../../helpers/story-store.js';
import { alaskaSummitInRussian, alaskaSummitInThai, budapestCallInEnglish, budapestCallInRussian } from '../../helpers/summit-reports.js';
import { otherThaiNews } from '../../helpers/thai-reports.js';

const stopwords = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
const stop = (lang: string) => new Set(stopwords[lang]);

let counter = 0;
/** An article as the pipeline finishes it: tags, countries and clustering terms from its title and text. */
const finished = (a: Report) => finishArticle({ ...a, url: `https://news.example/people/${++counter}`, sourceName: 'Example' }, [a.text]);

const background: Report[] = [
  { title: 'Central bank holds interest rates steady as inflation eases', text: 'The central bank kept rates unchanged on Tuesday, citing slower inflation.', language: 'en' },
  { title: 'Цены на нефть выросли', text: 'Цены на нефть выросли на фоне опасений по поводу поставок с Ближнего Востока.', language: 'ru' },
  ...otherThaiNews,
];

const titlesOf = async (reports: Report[]) => (await clusterInMemory([...background, ...reports].map(finished), placeArticle)).map((s) => s.map((a) => a.title));

describe('people, not name tokens, across languages', () => {
  it('reads which names stand together as one person\'s', () => {
    const together = (text: string, lang: string) => neutralTerms(text, stop(lang)).together;
    expect(together('The talks of Donald Trump and Vladimir Putin ended.', 'en')).toEqual([
      ['~dnld', '~trmp'],
      ['~vldmr', '~ptn'],
    ]);
    // Punctuation between two names parts two people.
    expect(together('They met Trump, Putin and Erdogan (Turkey) there.', 'en')).toEqual([]);
    expect(together('Встреча Дональда Трампа и Владимира Путина прошла на Аляске.', 'ru')).toEqual([
      ['~dnld', '~trmp'],
      ['~vldmr', '~ptn'],
    ]);
    // Georgian writes a given name bare before the surname; a name with a case ending, a surname or a city ends one.
    expect(together('რეჯეფ თაიფ ერდოღანი კობახიძეს თბილისში შეხვდა', 'ka')).toEqual([[nameKey('რეჯეფ'), nameKey('ერდოღანი')]]);
    expect(together('ერდოღანი კობახიძეს შეხვდა, კობახიძე ერდოღანს', 'ka')).toEqual([]);
    // Thai and Khmer: a name's parts after its title; a city stands alone.
    expect(together('นายโดนัลด์ ทรัมป์ และนายปูติน พบกันที่กรุงเทพฯ', 'th')).toEqual([['~dnld', '~trmp']]);
    // (Hun has two consonants, no key: Hun Manet is one name key.)
    expect(together('សម្ដេចមហាបវរធិបតី ហ៊ុន ម៉ាណែត និងលោក អនុទិន ឆានវីរៈគុល', 'km')).toEqual([[nameKey('អនុទិន'), nameKey('ឆានវីរៈគុល')]]);
  });

  it('counts the names that stand together, in the article or the story, as one person', () => {
    expect(peopleAmong(['~dnld', '~trmp', '~ptn'], [['~dnld', '~trmp']])).toBe(2);
    expect(peopleAmong(['~dnld', '~trmp', '~ptn', '~vldmr'], [['~dnld', '~trmp'], ['~ptn', '~vldmr'], ['~trmp', '~dnld']])).toBe(2);
    // A link through a name that is not shared ("Prime Minister Anutin", "Prime Minister Manet") joins nobody.
    expect(peopleAmong(['~ntn', '~mnt'], [['~mnstr', '~ntn'], ['~mnstr', '~mnt']])).toBe(2);
  });

  it('keeps a report apart that names the story\'s two people in full and shares no number, whichever side says they are one', () => {
    const idf = idfOf({ documents: 10, frequency: () => 0 });
    const names = { '~dnld': 1, '~trmp': 1, '~ptn': 1 };
    const story = (terms: Record<string, number>) => ({ id: 1, size: 1, centroid: addToCentroid({}, terms, idf), byNamesOnly: true });
    const pair = { [samePersonTerm('~dnld', '~trmp')]: 1 };
    // Three names nothing says are one person's: three people, as before.
    expect(chooseStory(names, [story(names)], idf).storyId).toBe(1);
    // The story wrote "Donald Trump" (a report naming him apart, "Trump … Donald Tusk", still meets one person).
    expect(chooseStory(names, [story({ ...names, ...pair })], idf).storyId).toBeNull();
    // The new article did.
    expect(chooseStory({ ...names, ...pair }, [story(names)], idf).storyId).toBeNull();
    // Two people and a number are enough.
    expect(chooseStory({ ...names, ...pair, '#18': 1 }, [story({ ...names, '#18': 1 })], idf).storyId).toBe(1);
  });

  it('tells a country\'s name from a person\'s, in the languages names are read in', () => {
    // Ukraine in English, Russian, Ukrainian, Greek, Armenian and Georgian (their case endings undone): one key.
    const ukraine = ['Ukraine', 'Украине', 'Україна', 'Ουκρανία', 'Ուկրաինայում', 'უკრაინაში'].map(nameKey);
    expect(new Set(ukraine)).toEqual(new Set(['~krn']));
    expect(isCountryNameKey('~krn', ['UA'])).toBe(true);
    const tagged = [['Азербайджана', 'AZ'], ['Georgia', 'GE'], ['Türkiye', 'TR'], ['Kambodscha', 'KH'], ['Thailand', 'TH']];
    for (const [country, code] of tagged) expect(isCountryNameKey(nameKey(country!)!, [code!]), country).toBe(true);
    // Only the name of a country the article is tagged with: a key of a few consonants is shared by many words, and
    // Paris (`~prs`, Persia's too) is no country in a text about France.
    expect(isCountryNameKey('~krn', ['RU', 'US'])).toBe(false);
    expect(isCountryNameKey(nameKey('Paris')!, ['FR'])).toBe(false);
    expect(isCountryNameKey(nameKey('Persia')!, ['IR'])).toBe(true);
    // People and cities stay names: a city is the third name of the call's reports (Budapest).
    const all = worldCountries.map((c) => c.cca2);
    for (const name of ['Trump', 'Путина', 'Donald', 'Vladimir', 'Pashinyan', 'Будапеште', 'Tbilisi']) expect(isCountryNameKey(nameKey(name)!, all), name).toBe(false);
    // A name of several words has a key per word, none of them a country's (António Costa, not Costa Rica).
    expect(isCountryNameKey(nameKey('Costa')!, all)).toBe(false);
    // The article says which of the names it keeps are countries'.
    const terms = finished(alaskaSummitInRussian).terms;
    expect(terms).toHaveProperty('~krn');
    expect(Object.keys(terms).filter((t) => t.startsWith('^'))).toEqual([countryNameTerm('~krn')]);
  });

  it('counts no country\'s name among the shared people, but keeps it in the names cosine', () => {
    const idf = idfOf({ documents: 10, frequency: () => 0 });
    const story = (terms: Record<string, number>) => ({ id: 1, size: 1, centroid: addToCentroid({}, terms, idf), byNamesOnly: true });
    const people = { '~dnld': 1, '~trmp': 1, '~ptn': 1, '~vldmr': 1, [samePersonTerm('~dnld', '~trmp')]: 1, [samePersonTerm('~ptn', '~vldmr')]: 1 };
    // Trump, Putin and Ukraine, nothing saying Ukraine is no person: three, as before.
    expect(chooseStory({ ...people, '~krn': 1 }, [story({ ...people, '~krn': 1 })], idf).storyId).toBe(1);
    // The article says it is a country's name: two people and no number.
    expect(chooseStory({ ...people, '~krn': 1, [countryNameTerm('~krn')]: 1 }, [story({ ...people, '~krn': 1 })], idf).storyId).toBeNull();
    // With a third person (a city, Budapest) it joins, the country's name adding to the cosine.
    const third = { ...people, '~krn': 1, '~bdpst': 1 };
    const choice = chooseStory({ ...third, [countryNameTerm('~krn')]: 1 }, [story(third)], idf);
    expect(choice.storyId).toBe(1);
    expect(choice.score).toBeCloseTo(1, 5);
    // A story's centroid keeps no country-name term: the article's own decide.
    expect(Object.keys(addToCentroid({}, { ...third, [countryNameTerm('~krn')]: 1 }, idf)).filter((t) => t.startsWith('^'))).toEqual([]);
  });

  it('rebuilds a centroid (a split, a merge) without pairs\' counts nor country-name markers', async () => {
    const asked: string[] = [];
    const stats = async (terms: string[]) => (asked.push(...terms), { documents: 1, frequency: () => 0 });
    const centroid = await rebuildCentroid([{ ...alaskaSummitInRussian, countries: ['RU', 'US', 'UA'] }], stats);
    expect(asked).toContain('~ptn');
    expect(asked.filter((t) => t.startsWith('&') || t.startsWith('^'))).toEqual([]);
    expect(Object.keys(centroid).some((t) => t.startsWith('&'))).toBe(true);
  });

  it('keeps the Russian and the Thai report of the Alaska summit apart from the English story of the phone call (preview)', async () => {
    for (const summit of [alaskaSummitInRussian, alaskaSummitInThai]) {
      // Either arriving first: the article's or the story's names tell that Donald and Trump are one person.
      for (const order of [[budapestCallInEnglish, summit], [summit, budapestCallInEnglish]]) {
        const titles = await titlesOf(order);
        expect(titles).toContainEqual([budapestCallInEnglish.title]);
        expect(titles).toContainEqual([summit.title]);
      }
    }
  });

  it('joins the Russian report of the call to its English story, arriving first or second (Budapest, a third name)', async () => {
    expect(await titlesOf([budapestCallInEnglish, budapestCallInRussian])).toContainEqual([budapestCallInEnglish.title, budapestCallInRussian.title]);
    expect(await titlesOf([budapestCallInRussian, budapestCallInEnglish])).toContainEqual([budapestCallInRussian.title, budapestCallInEnglish.title]);
  });

  describe('on the database path', () => {
    const dbs: Database[] = [];
    afterAll(async () => {
      for (const db of dbs) await db.close();
    });

    it('keeps the Thai and the Russian report of the Alaska summit apart from the English story of the call, and the reverse', async () => {
      const orders = [alaskaSummitInThai, alaskaSummitInRussian].flatMap((summit) => [[budapestCallInEnglish, summit], [summit, budapestCallInEnglish]] as const);
      for (const order of orders) {
        const db = await createTestDatabase();
        dbs.push(db);
        const store = storyStore(db, finished);
        for (const b of background) await store(b);
        const first = await store(order[0]);
        expect(await store(order[1])).not.toBe(first);
      }
    });

    it('counts no document frequency for same-person pairs and country-name markers, which no IDF weighs', async () => {
      const db = await createTestDatabase();
      dbs.push(db);
      const summit = finished(alaskaSummitInRussian);
      expect(Object.keys(summit.terms).some((t) => t.startsWith('&'))).toBe(true);
      expect(Object.keys(summit.terms).some((t) => t.startsWith('^'))).toBe(true);
      await storyStore(db, finished)(alaskaSummitInRussian);
      await finishStoring(db.prisma);
      const counted = (await db.prisma.$queryRawUnsafe<{ term: string }[]>('SELECT term FROM "TermStat"')).map((r) => r.term);
      expect(counted).toContain('~ptn');
      expect(counted.filter((t) => t.startsWith('&') || t.startsWith('^'))).toEqual([]);
    });
  });

  joinsTheEnglishStory({ language: 'Russian', english: budapestCallInEnglish, sameEvent: budapestCallInRussian, otherEvent: alaskaSummitInRussian, background, finished });
});
