// Capitals that name no time zone, so CLDR's exemplar cities (localized-capitals.json) leave them out or stand the
// country's largest city in for them: Beijing (the zone is Asia/Shanghai), Ankara (Europe/Istanbul), Naypyidaw
// (Asia/Yangon). No package holds capitals in other languages, so this small table gives them in the languages of
// NAME_LOCALES where the press writes them otherwise than English does. Source: the title of each city's Wikipedia
// article in that language (checked by hand); a form that is also a common word there is left out (Kazakh астана is
// "capital", Persian آستانه "threshold", Korean 도하 "crossing a river", Russian Сана a name). Only the countries' own languages and the scripts of the regions Gazette covers.

export interface CapitalNames {
  country: string;
  /** English name, as world-countries writes the capital. */
  city: string;
  /** Locale (as in NAME_LOCALES) → the capital's name there. */
  names: Readonly<Record<string, string>>;
}

export const CAPITALS_BEYOND_ZONES: readonly CapitalNames[] = [
  {
    country: 'CN',
    city: 'Beijing',
    names: {
      zh: '北京', 'zh-Hant': '北京', ja: '北京', ko: '베이징', ru: 'Пекин', uk: 'Пекін', be: 'Пекін', bg: 'Пекин', mn: 'Бээжин',
      kk: 'Бейжің', ky: 'Бээжин', ar: 'بكين', fa: 'پکن', ur: 'بیجنگ', he: 'בייג׳ינג', hi: 'बीजिंग', th: 'ปักกิ่ง', lo: 'ປັກກິ່ງ',
      vi: 'Bắc Kinh', el: 'Πεκίνο', ka: 'პეკინი', hy: 'Պեկին', tr: 'Pekin', az: 'Pekin', uz: 'Pekin', es: 'Pekín', fr: 'Pékin',
      pt: 'Pequim', de: 'Peking', it: 'Pechino', pl: 'Pekin',
    },
  },
  {
    country: 'TR',
    city: 'Ankara',
    names: {
      ru: 'Анкара', uk: 'Анкара', be: 'Анкара', bg: 'Анкара', sr: 'Анкара', kk: 'Анкара', ky: 'Анкара', mn: 'Анкара', ar: 'أنقرة',
      fa: 'آنکارا', ur: 'انقرہ', he: 'אנקרה', hi: 'अंकारा', zh: '安卡拉', 'zh-Hant': '安卡拉', ja: 'アンカラ', ko: '앙카라', th: 'อังการา',
      el: 'Άγκυρα', ka: 'ანკარა', hy: 'Անկարա',
    },
  },
  {
    country: 'MM',
    city: 'Naypyidaw',
    names: { my: 'နေပြည်တော်', zh: '内比都', 'zh-Hant': '奈比多', ja: 'ネピドー', ko: '네피도', ru: 'Нейпьидо', th: 'เนปยีดอ' },
  },
  {
    country: 'KZ',
    city: 'Astana',
    names: { ru: 'Астана', uk: 'Астана', zh: '阿斯塔纳', 'zh-Hant': '阿斯塔納', ja: 'アスタナ', ko: '아스타나', ar: 'أستانا', ka: 'ასტანა', hy: 'Աստանա' },
  },
  {
    country: 'AE',
    city: 'Abu Dhabi',
    names: { ar: 'أبوظبي', fa: 'ابوظبی', ru: 'Абу-Даби', uk: 'Абу-Дабі', zh: '阿布扎比', 'zh-Hant': '阿布達比', ja: 'アブダビ', ko: '아부다비' },
  },
  {
    country: 'VN',
    city: 'Hanoi',
    names: { vi: 'Hà Nội', zh: '河内', 'zh-Hant': '河內', ja: 'ハノイ', ko: '하노이', ru: 'Ханой', uk: 'Ханой', th: 'ฮานอย', km: 'ហាណូយ', ar: 'هانوي' },
  },
  {
    country: 'IN',
    city: 'New Delhi',
    names: { hi: 'नई दिल्ली', ur: 'نئی دہلی', zh: '新德里', ja: 'ニューデリー', ko: '뉴델리', ru: 'Нью-Дели', uk: 'Нью-Делі', ar: 'نيودلهي', fa: 'دهلی نو' },
  },
  {
    country: 'PK',
    city: 'Islamabad',
    names: { ur: 'اسلام آباد', ar: 'إسلام آباد', fa: 'اسلام‌آباد', hi: 'इस्लामाबाद', zh: '伊斯兰堡', ja: 'イスラマバード', ko: '이슬라마바드', ru: 'Исламабад', uk: 'Ісламабад' },
  },
  {
    country: 'QA',
    city: 'Doha',
    names: { ar: 'الدوحة', fa: 'دوحه', ur: 'دوحہ', zh: '多哈', ja: 'ドーハ', ru: 'Доха', uk: 'Доха' },
  },
  {
    country: 'BH',
    city: 'Manama',
    names: { ar: 'المنامة', fa: 'منامه', zh: '麦纳麦', ja: 'マナーマ', ko: '마나마', ru: 'Манама' },
  },
  {
    country: 'YE',
    city: "Sana'a",
    names: { ar: 'صنعاء', fa: 'صنعا', zh: '萨那', ja: 'サナア' },
  },
];
