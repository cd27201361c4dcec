// Search in the languages Gazette's regions write (src/db/search-sql.ts): Azerbaijani stemmed with PostgreSQL's
// Turkish stemmer, Georgian (no stemmer) by word stems as prefixes, and Latin-script languages whose words English
// drops as stop words (Vietnamese "Long An", "than").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { searchStories } from '../../../src/db/lookups.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000041';
const now = new Date('2026-03-01T12:00:00Z');

describe('search in the regions’ languages', () => {
  let db: Database;
  const ids: Record<string, number> = {};

  async function story(key: string, input: { title: string; summary: string; hoursAgo: number; language: string }) {
    const seen = new Date(now.getTime() - input.hoursAgo * 3600_000);
    const stored = await storeArticle(db.prisma, articleFixture({ title: input.title, summary: input.summary, language: input.language, sourceName: `Outlet ${key}` }), newStory, { now: seen, windowHours: 1 });
    if (stored.status !== 'stored') throw new Error('not stored');
    ids[key] = stored.storyId;
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: seen } });
  }

  const hits = async (text: string) => {
    const result = await searchStories(db.prisma, guild, text);
    return result.kind === 'hits' ? result.ids : result.kind;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
    await story('azerbaijani', { title: 'Azərbaycanın qaz ixracı artıb', summary: 'Bakıda nazirlər görüşüb.', hoursAgo: 1, language: 'az' });
    await story('georgian', { title: 'აფეთქება თბილისში', summary: 'საქართველოს დედაქალაქის ცენტრში ხანძარი გაჩნდა.', hoursAgo: 2, language: 'ka' });
    await story('vietnamese', { title: 'Nhà máy điện than ở Long An', summary: 'Dự án than to nhất miền Nam được phê duyệt.', hoursAgo: 3, language: 'vi' });
    await story('english', { title: 'Long queues at the border', summary: 'Drivers waited for hours to cross.', hoursAgo: 4, language: 'en' });
    await story('englishNoStopWords', { title: 'Pipeline explosion near Tbilisi', summary: 'Firefighters worked through the night.', hoursAgo: 5, language: 'en' });
    // Written the ways outlets write them: a Vietnamese title decomposed (NFD), an Azerbaijani one in capitals, Persian
    // words with an Arabic outlet's letters, a Georgian noun in the genitive.
    await story('decomposed', { title: 'Lũ lụt ở Quảng Nam'.normalize('NFD'), summary: 'Hàng nghìn người phải sơ tán.'.normalize('NFD'), hoursAgo: 6, language: 'vi' });
    await story('capitals', { title: 'RUSİYA VƏ QAZAXISTAN ARASINDA DANIŞIQLAR, FIFA İLƏ', summary: 'Görüş ŞAMAXIDA keçirilib, INSTAGRAM yazır.', hoursAgo: 7, language: 'az' });
    await story('arabicLetters', { title: 'سفر وزير ايران به باكو', summary: 'گفتگوها درباره مرز ادامه دارد.', hoursAgo: 8, language: 'fa' });
    await story('thai', { title: 'ทหารไทยลาดตระเวนชายแดน', summary: 'รัฐบาลประเทศไทยเพิ่มกำลังพลตามตาราง', hoursAgo: 10, language: 'th' });
    await story('turkish', { title: "Irak'ta saldırı", summary: 'Bağdat yakınlarında patlama.', hoursAgo: 11, language: 'tr' });
    await story('genitive', { title: 'ევროპის კავშირის გადაწყვეტილება', summary: 'მთავრობის სხდომა გაიმართა.', hoursAgo: 9, language: 'ka' });
  });
  afterAll(() => db.close());

  it('stems Azerbaijani: the bare noun finds its inflected forms', async () => {
    // The story says "Azərbaycanın" (genitive) and "Bakıda" (locative).
    expect(await hits('Azərbaycan')).toEqual([ids.azerbaijani]);
    expect(await hits('Azərbaycanda')).toEqual([ids.azerbaijani]);
    expect(await hits('Bakı')).toEqual([ids.azerbaijani]);
    expect(await hits('qaz')).toEqual([ids.azerbaijani]);
  });

  it('finds Georgian words in other cases, by stem and prefix', async () => {
    // The story says "თბილისში" (in Tbilisi) and "საქართველოს" (of Georgia); members type the nominative.
    expect(await hits('თბილისი')).toEqual([ids.georgian]);
    expect(await hits('საქართველო')).toEqual([ids.georgian]);
    expect(await hits('დედაქალაქი ხანძარი')).toEqual([ids.georgian]);
    expect(await hits('თბილისი -ხანძარი')).toEqual([]);
    expect(await hits('ბათუმი')).toEqual([]);
  });

  it('reads a Latin query English empties as written, and ranks a story with every typed word first', async () => {
    // "than" (coal) and "to" (big) are English stop words: the query used to have no word left.
    expect(await hits('than to')).toEqual([ids.vietnamese]);
    expect(await hits('than -điện')).toEqual([]);
    // English drops "an": "long" alone matches both, the story saying "Long An" comes first.
    expect(await hits('Long An')).toEqual([ids.vietnamese, ids.english]);
    // English queries keep their stemming, and their stop words are not required.
    expect(await hits('explosions in Tbilisi')).toEqual([ids.englishNoStopWords]);
    // Stop words alone are read as written: no story here has all three.
    expect(await hits('the and of')).toEqual([]);
  });

  it('finds a word however it was encoded or cased, and a Georgian noun that drops its -ა', async () => {
    expect(await hits('Quảng Nam'.normalize('NFC'))).toEqual([ids.decomposed]);
    expect(await hits('sơ tán'.normalize('NFD'))).toEqual([ids.decomposed]);
    // Capital I is ı in Azerbaijani: "ARASINDA" is "arasında", "ŞAMAXIDA" is "şamaxıda".
    expect(await hits('arasında')).toEqual([ids.capitals]);
    expect(await hits('Şamaxıda')).toEqual([ids.capitals]);
    // A loanword or acronym in capitals is found as anyone types it, not only as Turkish reads it (ınstagram).
    expect(await hits('Instagram')).toEqual([ids.capitals]);
    expect(await hits('FIFA')).toEqual([ids.capitals]);
    expect(await hits('ŞAMAXIDA')).toEqual([ids.capitals]);
    // A quoted phrase typed without Turkic letters finds a Turkish headline's words side by side.
    expect(await hits('"Irak\'ta saldırı"')).toEqual([ids.turkish]);
    expect(await hits('Irak')).toEqual([ids.turkish]);
    // A Persian keyboard's ی and ک find an Arabic outlet's ي and ك.
    expect(await hits('ایران')).toEqual([ids.arabicLetters]);
    expect(await hits('باکو')).toEqual([ids.arabicLetters]);
    // "ევროპა" (Europe) and "მთავრობა" (government), as typed, find "ევროპის" and "მთავრობის".
    expect(await hits('ევროპა')).toEqual([ids.genitive]);
    expect(await hits('მთავრობა')).toEqual([ids.genitive]);
  });

  it('finds a Thai word at the end of a compound ICU keeps whole', async () => {
    // ICU reads ทหารไทย (Thai soldiers) and ประเทศไทย (Thailand) as one word each; "ไทย" (Thai) is at their ends.
    expect(await hits('ไทย')).toEqual([ids.thai]);
    expect(await hits('ทหาร')).toEqual([ids.thai]);
    expect(await hits('ไทย ชายแดน')).toEqual([ids.thai]);
    // The endings follow the text: a quoted phrase still finds its words side by side.
    expect(await hits('"ทหารไทย ลาดตระเวน"')).toEqual([ids.thai]);
    // Both halves must be words of three letters: ตาราง (timetable) is not ตา (eye) + ราง (rail).
    expect(await hits('ราง')).toEqual([]);
  });
});
