// Countries found through their capitals (CLDR's time-zone cities) and their people's adjectives in the regions'
// languages, inflected forms included; no country is named in these sentences
// (docs/adr/0013-country-names-in-many-languages.md).
import { describe, expect, it } from 'vitest';
import { tagArticle } from '../../../src/pipeline/tag/index.js';
import { localizedCapitals } from '../../../src/pipeline/tag/localized-capitals.js';

const sentences: [language: string, text: string, countries: string[]][] = [
  ['ru', 'Переговоры прошли в Тбилиси. Грузинские власти встретились с делегацией из Еревана.', ['GE', 'AM']],
  ['ru', 'Российский министр прибыл в Баку. Визит продлится два дня.', ['RU', 'AZ']],
  ['uk', 'У Києві відбулася зустріч з польськими дипломатами з Варшави.', ['UA', 'PL']],
  ['ar', 'وصل الوفد إلى طهران أمس. وقال المسؤولون الإيرانيون إن المحادثات مع الوفد القادم من بغداد ستستمر.', ['IR', 'IQ']],
  ['fa', 'هیئت ایرانی در باکو با مقامات آذربایجانی دیدار کرد.', ['IR', 'AZ']],
  ['ur', 'وفد کابل سے تہران پہنچا۔ بات چیت جاری رہے گی۔', ['AF', 'IR']],
  ['tr', "Bakü'de yapılan görüşmenin ardından heyet Tiflis'e gitti.", ['AZ', 'GE']],
  ['az', 'Nümayəndə heyəti Tbilisidən Yerevana yola düşdü.', ['GE', 'AM']],
  ['ka', 'დელეგაცია თბილისიდან ერევანში ჩავიდა.', ['GE', 'AM']],
  ['hy', 'Պատվիրակությունը Թբիլիսիից մեկնեց Բաքու։', ['GE', 'AZ']],
  ['kk', 'Делегация Ташкентке Бішкектен келді.', ['UZ', 'KG']],
  ['uz', 'Delegatsiya Toshkentdan Dushanbega yo‘l oldi.', ['UZ', 'TJ']],
  ['zh', '代表团从东京飞抵首尔，双方将继续会谈。', ['JP', 'KR']],
  ['ja', '代表団はソウルから東京に到着した。', ['KR', 'JP']],
  ['ko', '대표단은 도쿄에서 서울로 이동했다.', ['JP', 'KR']],
  ['th', 'นายกรัฐมนตรีเดินทางไปกรุงพนมเปญหลังจากการประชุมที่ฮานอย', ['KH']],
  ['km', 'គណៈប្រតិភូបានធ្វើដំណើរពីបាងកកទៅភ្នំពេញ។', ['TH', 'KH']],
  ['vi', 'Phái đoàn đã rời Mát-xcơ-va để đến Phnôm Pênh.', ['RU', 'KH']],
  ['id', 'Delegasi tiba di Manila setelah bertemu pejabat di Bangkok.', ['PH', 'TH']],
  ['hi', 'प्रतिनिधिमंडल काबुल से तेहरान पहुंचा।', ['AF', 'IR']],
  ['es', 'La delegación viajó de Varsovia a Moscú para continuar las conversaciones.', ['PL', 'RU']],
  ['fr', 'La délégation est partie de Varsovie pour Moscou jeudi.', ['PL', 'RU']],
  ['pt', 'A delegação viajou de Varsóvia para Moscou na quinta-feira.', ['PL', 'RU']],
  ['de', 'Die Delegation reiste von Warschau nach Moskau.', ['PL', 'RU']],
  // Capitals that name no time zone (capitals-beyond-zones.ts).
  ['zh', '北京周一宣布了新的贸易政策。', ['CN']],
  ['ru', 'Анкара заявила в понедельник о новых мерах. Переговоры в Анкаре завершились.', ['TR']],
  ['ru', 'Делегация прибыла в Пекин. В Пекине прошли переговоры.', ['CN']],
  ['my', 'နေပြည်တော်တွင် အစည်းအဝေး ကျင်းပခဲ့သည်။', ['MM']],
  ['en', 'Officials in Nay Pyi Taw said the talks would continue.', ['MM']],
  ['vi', 'Phái đoàn đã đến Hà Nội hôm thứ Hai.', ['VN']],
  ['ar', 'أعلنت أنقرة عن إجراءات جديدة.', ['TR']],
];

describe('countries through capitals and demonyms in the languages of the regions', () => {
  it.each(sentences)('%s: %s', (language, text, expected) => {
    const { countries } = tagArticle({ title: '', text, language });
    expect(countries).toEqual(expect.arrayContaining(expected));
  });
});

describe('what the capitals and demonyms leave alone', () => {
  it('the table comes from CLDR: Yerevan in Russian, Kyiv in Ukrainian, Tehran in Arabic', () => {
    expect(localizedCapitals('AM')).toContainEqual({ locale: 'ru', name: 'Ереван' });
    expect(localizedCapitals('UA')).toContainEqual({ locale: 'uk', name: 'Київ' });
    expect(localizedCapitals('IR')).toContainEqual({ locale: 'ar', name: 'طهران' });
  });

  it('a city spelled like a weekday is not kept (Persian دوشنبه is Monday, and Dushanbe)', () => {
    expect(tagArticle({ title: '', text: 'جلسه روز دوشنبه برگزار شد و تا دوشنبه آینده ادامه دارد.', language: 'fa' }).countries).not.toContain('TJ');
  });

  it('a three-letter abjad name is not kept (Persian کیف, Kyiv, is also "bag")', () => {
    expect(tagArticle({ title: '', text: 'او کیف خود را در اتوبوس جا گذاشت و کیف پیدا نشد.', language: 'fa' }).countries).not.toContain('UA');
  });

  it('a Latin-script capital counts only in its own language (Roma in English is not Rome)', () => {
    expect(tagArticle({ title: '', text: 'Roma families in the city asked Roma leaders for help with housing.', language: 'en' }).countries).toEqual([]);
    expect(tagArticle({ title: '', text: 'Il ministro è arrivato a Roma per i colloqui.', language: 'es' }).countries).toContain('IT');
  });

  it('a Persian language name is not an Iranian adjective (الفارسية)', () => {
    expect(tagArticle({ title: '', text: 'يدرس الطلاب اللغة الفارسية في الجامعة منذ سنوات.', language: 'ar' }).countries).toEqual([]);
  });
});
