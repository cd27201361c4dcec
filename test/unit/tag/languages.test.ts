// Countries named in the region's own languages, inflected forms included: short news texts of our own, each
// naming two countries (docs/adr/0013-country-names-in-many-languages.md).
import { describe, expect, it } from 'vitest';
import { tagArticle } from '../../../src/pipeline/tag/index.js';

const texts: [language: string, text: string, countries: [string, string]][] = [
  ['Russian', 'Посол России вызван в МИД Азербайджана. Культурные мероприятия России отменены. Отношения между Баку и Москвой ухудшились.', ['RU', 'AZ']],
  ['Ukrainian', 'Прем’єр-міністри України та Польщі зустрілися у Варшаві. Вони обговорили кордон. Переговори триватимуть.', ['UA', 'PL']],
  ['Belarusian', 'Беларусь і Літва абмеркавалі мяжу. Перамовы працягнуцца. Міністры сустрэнуцца зноў.', ['BY', 'LT']],
  ['Arabic', 'كمبوديا تتهم تايلاند بتصعيد التوتر على الحدود. وقالت الحكومة إن القيود الجديدة غير مقبولة. وستستمر المحادثات.', ['KH', 'TH']],
  ['Persian', 'ایران و ترکیه درباره مرز گفتگو کردند. وزیران دوباره دیدار خواهند کرد. گفتگوها ادامه دارد.', ['IR', 'TR']],
  ['Urdu', 'پاکستان اور افغانستان نے سرحد پر بات چیت کی۔ وزرا دوبارہ ملیں گے۔ بات چیت جاری رہے گی۔', ['PK', 'AF']],
  ['Turkish', "Türkiye ve Yunanistan sınır konusunda görüştü. Bakanlar yeniden bir araya gelecek. Görüşmeler Rusya'nın da ilgisini çekti.", ['TR', 'GR']],
  ['Azerbaijani', 'Azərbaycan və Gürcüstan sərhəd məsələsini müzakirə etdi. Nazirlər yenidən görüşəcək. Danışıqlar davam edir.', ['AZ', 'GE']],
  ['Georgian', 'საქართველო და სომხეთი საზღვარზე შეთანხმდნენ. მინისტრები კვლავ შეხვდებიან. მოლაპარაკებები გაგრძელდება.', ['GE', 'AM']],
  ['Armenian', 'Հայաստանը և Վրաստանը քննարկեցին սահմանը։ Նախարարները կրկին կհանդիպեն։ Բանակցությունները կշարունակվեն։', ['AM', 'GE']],
  ['Kazakh', 'Қазақстан мен Өзбекстан шекараны талқылады. Министрлер қайта кездеседі. Келіссөздер жалғасады.', ['KZ', 'UZ']],
  ['Uzbek', 'Oʻzbekiston va Qozogʻiston chegara masalasini muhokama qildi. Vazirlar yana uchrashadi. Muzokaralar davom etadi.', ['UZ', 'KZ']],
  ['Chinese', '柬埔寨指责泰国在边境问题上升级紧张局势。两国外长将再次会面。谈判将继续进行。', ['KH', 'TH']],
  ['Japanese', 'カンボジアはタイが国境で緊張を高めていると非難した。両国の外相は再び会談する。交渉は続く。', ['KH', 'TH']],
  ['Korean', '캄보디아와 태국이 국경 문제를 논의했다. 양국 장관들은 다시 만날 예정이다. 협상은 계속된다.', ['KH', 'TH']],
  ['Thai', 'กัมพูชากล่าวหาไทยว่ายกระดับความตึงเครียดที่ชายแดน รัฐมนตรีทั้งสองจะพบกันอีกครั้ง การเจรจาจะดำเนินต่อไป', ['KH', 'TH']],
  ['Khmer', 'កម្ពុជា និង ថៃ បានពិភាក្សាអំពីព្រំដែន។ រដ្ឋមន្ត្រីនឹងជួបគ្នាម្តងទៀត។ ការចរចានឹងបន្ត។', ['KH', 'TH']],
  ['Vietnamese', 'Campuchia và Thái Lan thảo luận về biên giới. Các bộ trưởng sẽ gặp lại nhau. Các cuộc đàm phán sẽ tiếp tục.', ['KH', 'TH']],
  ['Indonesian', 'Indonesia dan Malaysia membahas perbatasan. Para menteri akan bertemu lagi. Perundingan akan berlanjut.', ['ID', 'MY']],
  ['Hindi', 'भारत और पाकिस्तान ने सीमा पर बातचीत की। मंत्री फिर मिलेंगे। बातचीत जारी रहेगी।', ['IN', 'PK']],
  ['Spanish', 'Camboya y Tailandia discutieron la frontera. Los ministros se reunirán de nuevo. Las conversaciones continuarán.', ['KH', 'TH']],
  ['French', 'Le Cambodge et la Thaïlande ont discuté de la frontière. Les ministres se reverront. Les pourparlers continueront.', ['KH', 'TH']],
  ['Portuguese', 'O Camboja e a Tailândia discutiram a fronteira. Os ministros vão se reunir de novo. As negociações continuam.', ['KH', 'TH']],
  ['German', 'Kambodscha und Thailand haben über die Grenze gesprochen. Die Minister treffen sich wieder. Die Gespräche gehen weiter.', ['KH', 'TH']],
];

describe('countries in the languages of the regions', () => {
  it.each(texts)('%s: both countries are found', (_language, text, expected) => {
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
];

const untouched: [what: string, text: string][] = [
  ['an Arabic name beginning Abd', 'Abd al-Rahman met ministers in Cairo on Monday to discuss trade and water.'],
  ['an acronym in English capitals that is a Turkic abbreviation', 'THE ABD GROUP SAID ITS BUTANE PRICES RISE TODAY'],
  ['an English surname that starts a Turkic name (Mali)', 'Malik Khan spoke to reporters in Lahore about the budget on Monday.'],
  ['a Russian first name that starts a short stem (Дания)', 'Данила Козлов выступил на концерте в Казани.'],
  ['a Georgian word that starts a four-letter name (Ghana)', 'მინისტრმა განაცხადა, რომ მოლაპარაკებები გაგრძელდება.'],
];

describe('country names as the press writes them', () => {
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
