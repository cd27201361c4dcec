// Countries named in the region's own languages, inflected forms included: short news texts of our own, each
// naming two countries (docs/adr/0013-country-names-in-many-languages.md).
import { describe, expect, it } from 'vitest';
import { tagArticle } from '../../../src/pipeline/tag/index.js';
import { languageTexts } from '../../helpers/language-texts.js';


describe('countries in the languages of the regions', () => {
  it.each(languageTexts)('%s: both countries are found', (_language, _code, text, expected) => {
    const [title, ...rest] = text.split(/(?<=[.。।۔։])\s*/u);
    const { countries } = tagArticle({ title: title!, text: rest.join(' ') || text });
    expect(countries).toEqual(expect.arrayContaining(expected));
  });
});

// The press's own forms (docs/adr/0013): CLDR's short names, endings after a whole Turkic name, the case endings of a
// short Slavic stem, Arabic's one-letter "and"/"in" joined to the name; and the words those rules must leave alone.
const forms: [form: string, language: string, text: string, countries: string[]][] = [
  ['Russian short name and short stems', 'ru', 'Президент США заявил, что войска покинут Сирию. Власти Дании не комментировали.', ['US', 'SY', 'DK']],
  ['Turkish abbreviation', 'tr', 'ABD Başkanı açıklama yaptı. Görüşmeler sürüyor.', ['US']],
  ['Azerbaijani endings', 'az', 'Nazir İranda və İtaliyadan gələn nümayəndələrlə görüşdü. ABŞ da iştirak etdi.', ['IR', 'IT', 'US']],
  ['Uzbek endings', 'uz', 'Vazir Eronda va Armanistonga safar qildi. AQSH vakillari ham qatnashdi.', ['IR', 'AM', 'US']],
  ['Kazakh', 'kk', 'АҚШ пен Даниядағы елшілер кездесті. Келіссөздер жалғасады.', ['US', 'DK']],
  ['Arabic conjunction', 'ar', 'زار الوزير النمسا وألمانيا وإيطاليا. وستستمر المحادثات.', ['AT', 'DE', 'IT']],
  ['Georgian', 'ka', 'შეერთებული შტატების და დანიაში მყოფი დიპლომატები შეხვდნენ.', ['DK']],
  // ICU keeps a name and the word for "country", "city" or "capital" together as one word.
  ['Burmese name with "country"', 'my', 'မြန်မာနိုင်ငံ၏ စီးပွားရေး တိုးတက်လာသည်။', ['MM']],
  ['Thai capital in full', 'th', 'กรุงเทพมหานครประกาศมาตรการใหม่', ['TH']],
  ['Lao "capital" before the name', 'lo', 'ນະຄອນຫຼວງວຽງຈັນ ປະກາດມາດຕະການໃໝ່', ['LA']],
];

const untouched: [what: string, text: string][] = [
  ['an Arabic name beginning Abd', 'Abd al-Rahman met ministers in Cairo on Monday to discuss trade and water.'],
  ['an acronym in English capitals that is a Turkic abbreviation', 'THE ABD GROUP SAID ITS BUTANE PRICES RISE TODAY'],
  ['an English surname that starts a Turkic name (Mali)', 'Malik Khan spoke to reporters in Lahore about the budget on Monday.'],
  ['a Russian first name that starts a short stem (Дания)', 'Данила Козлов выступил на концерте в Казани.'],
  ['a Georgian word that starts a four-letter name (Ghana)', 'მინისტრმა განაცხადა, რომ მოლაპარაკებები გაგრძელდება.'],
];

// Words of unspaced scripts that start with a name but are other words (Thai "serious", "Red Indian").
const notNames: [what: string, text: string, country: string][] = [
  ['Thai ซีเรียส, serious (Syria: ซีเรีย)', 'เขาซีเรียสมากกับเรื่องนี้', 'SY'],
  ['Thai อินเดียนแดง, Native American (India: อินเดีย)', 'ชนเผ่าอินเดียนแดงจัดงานประจำปี', 'IN'],
];

describe('country names as the press writes them', () => {
  it.each(notNames)('leaves alone %s', (_what, text, country) => {
    expect(tagArticle({ title: '', text, language: 'th' }).countries).not.toContain(country);
  });

  it.each(forms)('%s', (_form, language, text, expected) => {
    const { countries } = tagArticle({ title: '', text, language });
    expect(countries).toEqual(expect.arrayContaining(expected));
  });

  it.each(untouched)('leaves alone %s', (_what, text) => {
    const { countries } = tagArticle({ title: '', text, language: /[a-z]/i.test(text) ? 'en' : undefined });
    expect(countries).not.toEqual(expect.arrayContaining(['US']));
    expect(countries).not.toContain('ML');
    expect(countries).not.toContain('DK');
    expect(countries).not.toContain('GH');
    expect(countries).not.toContain('BT');
  });
});
