// Month names as publishers print them, in the languages Gazette's communities read most. Lower case, accents kept
// (input is lower-cased, not de-accented, so "März" and "mars" stay distinct words).
const months: Record<string, number> = {};

function add(names: string[]): void {
  names.forEach((list, i) => {
    for (const name of list.split('|')) months[name] = i + 1;
  });
}

add(['january|jan', 'february|feb', 'march|mar', 'april|apr', 'may', 'june|jun', 'july|jul', 'august|aug', 'september|sep|sept', 'october|oct', 'november|nov', 'december|dec']);
add(['janvier|janv', 'février|fevrier|févr|fevr', 'mars', 'avril|avr', 'mai', 'juin', 'juillet|juil', 'août|aout', 'septembre', 'octobre', 'novembre', 'décembre|decembre|déc']);
add(['enero|ene', 'febrero', 'marzo', 'abril|abr', 'mayo', 'junio', 'julio', 'agosto|ago', 'septiembre|setiembre', 'octubre', 'noviembre', 'diciembre|dic']);
add(['januar|jän|jänner', 'februar', 'märz|maerz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober|okt', 'november', 'dezember|dez']);
add(['janeiro', 'fevereiro|fev', 'março|marco', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro|set', 'outubro|out', 'novembro', 'dezembro|dez']);
add(['gennaio|gen', 'febbraio', 'marzo', 'aprile', 'maggio|mag', 'giugno|giu', 'luglio|lug', 'agosto', 'settembre|set', 'ottobre|ott', 'novembre', 'dicembre|dic']);
add(['января|январь|янв', 'февраля|февраль|фев', 'марта|март|мар', 'апреля|апрель|апр', 'мая|май', 'июня|июнь|июн', 'июля|июль|июл', 'августа|август|авг', 'сентября|сентябрь|сен', 'октября|октябрь|окт', 'ноября|ноябрь|ноя', 'декабря|декабрь|дек']);
add(['ocak', 'şubat|subat', 'mart', 'nisan', 'mayıs|mayis', 'haziran', 'temmuz', 'ağustos|agustos', 'eylül|eylul', 'ekim', 'kasım|kasim', 'aralık|aralik']);

/** Locales whose month names come from Node's ICU (CLDR), as dates print them ("10 липня") and alone ("липень"). */
export const DATE_LOCALES = ['uk', 'be', 'kk', 'ky', 'az', 'uz', 'ka', 'hy', 'ar', 'ar-SY', 'fa', 'ur', 'hi', 'bn', 'id', 'ms', 'vi', 'tl', 'th', 'km', 'pl', 'ro', 'sr', 'bg', 'el', 'he', 'nl', 'cs'];

for (const locale of DATE_LOCALES) {
  // The Gregorian months: some locales print another calendar by default (Persian's تیر is not July).
  const gregorian = `${locale}-u-ca-gregory`;
  const forms = [
    new Intl.DateTimeFormat(gregorian, { day: 'numeric', month: 'long', timeZone: 'UTC' }),
    new Intl.DateTimeFormat(gregorian, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    new Intl.DateTimeFormat(gregorian, { month: 'long', timeZone: 'UTC' }),
  ];
  for (let m = 0; m < 12; m++) {
    const date = new Date(Date.UTC(2025, m, 10));
    for (const format of forms) {
      // Arabic vowel marks off, as parseDate reads its input (Persian writes ژوئیهٔ and ژوئیه).
      const name = format.formatToParts(date).find((p) => p.type === 'month')?.value.toLowerCase().replace(/\.$/, '').replace(/[\u064B-\u065F\u0670]/gu, '');
      // Numeric "months" (7月) are read by the numeric patterns; a word must not be taken by two months.
      if (name && name.length >= 3 && !/\d/.test(name) && months[name] === undefined) months[name] = m + 1;
    }
  }
}

/** Words as a regex alternation, longest first so that a word is not taken for its own start ("sep" in "sept"). */
function alternation(words: string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/**
 * "Yesterday" and "today" → days back, in the languages above and those of DATE_LOCALES, from ICU's relative-time
 * words ("вчера", "أمس", "dün", "昨天"). Lower case.
 */
export const relativeDays: Record<string, number> = {
  yesterday: 1, today: 0, вчера: 1, сегодня: 0, вчора: 1, hier: 1, "aujourd'hui": 0, ayer: 1, hoy: 0, gestern: 1, heute: 0, dün: 1, bugün: 0,
};
for (const locale of [...DATE_LOCALES, 'zh', 'ja', 'ko', 'tr', 'ru', 'fr', 'es', 'de', 'pt', 'it']) {
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  // A word that also means "tomorrow" (Hindi कल) cannot say which day it is.
  const tomorrow = words.format(1, 'day').toLowerCase();
  for (const back of [1, 0]) {
    const word = words.format(-back, 'day').toLowerCase();
    // Only single words: "1 day ago" style answers are read by the "ago" rule or not at all.
    if (!/\d/.test(word) && !/\s/.test(word) && word !== tomorrow && relativeDays[word] === undefined) relativeDays[word] = back;
  }
}

/**
 * A regex for any of the relative-day words as a whole word. The edges are Unicode-aware: `\b` knows only ASCII
 * letters (it never matches around "вчера"), and a combining mark continues a word (कल is only the start of कला).
 */
export const relativeDayWord = `(?<![\\p{L}\\p{M}\\p{N}])(?:${alternation(Object.keys(relativeDays))})(?![\\p{L}\\p{M}\\p{N}])`;

/** 1–12 for a month name or abbreviation (with or without a trailing dot), else undefined. */
export function monthNumber(word: string): number | undefined {
  return months[word.toLowerCase().replace(/\.$/, '')];
}

/** A regex alternation of every known month word, longest first so "sept" wins over "sep". */
export const monthPattern = alternation(Object.keys(months));
