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

/** 1–12 for a month name or abbreviation (with or without a trailing dot), else undefined. */
export function monthNumber(word: string): number | undefined {
  return months[word.toLowerCase().replace(/\.$/, '')];
}

/** A regex alternation of every known month word, longest first so "sept" wins over "sep". */
export const monthPattern = Object.keys(months)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
