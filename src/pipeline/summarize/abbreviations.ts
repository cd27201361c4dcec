// Words that end with a period without ending the sentence. Three kinds, because a period after "Mr" never ends
// a sentence, one after "No" only fails to when a number follows ("No. 10"), and one after "Inc" or "U.S." ends
// the sentence about as often as not. Lists hold the lower-cased word without its final period.

export type AbbreviationKind = 'title' | 'before-number' | 'ambiguous';

/** Come before a name or a noun: "Mr. Smith", "Prof. Braun", "ул. Ленина". */
const TITLES = [
  // English
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'drs', 'prof', 'rev', 'revd', 'hon', 'gen', 'col', 'maj', 'capt', 'cpt', 'lt',
  'sgt', 'cpl', 'cmdr', 'adm', 'gov', 'sen', 'rep', 'pres', 'supt', 'insp', 'det', 'fr', 'st', 'mt', 'ste', 'v', 'vs',
  'e.g', 'i.e', 'cf', 'approx', 'viz',
  // German, Dutch
  'hr', 'hrn', 'frl', 'z.b', 'bzw', 'ca', 'vgl', 'd.h', 'u.a', 'z.t', 'bsp', 'ggf', 'inkl', 'sog', 'evtl', 'dhr',
  'mevr', 'ir', 'bijv', 'd.w.z',
  // French, Spanish, Italian, Portuguese
  'mme', 'mmes', 'mlle', 'mlles', 'me', 'sra', 'sres', 'srta', 'dra', 'dña', 'ud', 'uds', 'avda', 'aprox', 'p.ej',
  'sig', 'sigg', 'dott', 'avv', 'ing',
  // Russian, Ukrainian, Turkish, Armenian
  'т.е', 'т.к', 'т.н', 'им', 'ул', 'пр', 'проф', 'акад', 'доц', 'тов', 'г-н', 'г-жа', 'напр', 'вул', 'ім', 'див',
  'doç', 'sn', 'bkz', 'պրոֆ',
  // Georgian ("ბ-ნი" Mr, "ქ-ნი" Mrs, "ე.წ." so-called; one letter alone is handled in sentences.ts)
  'ბ-ნი', 'ქ-ნი', 'ბ-ნ', 'ქ-ნ', 'ე.წ',
];

/** Come before a number: "No. 10", "p. 5", "Art. 3", "Nr. 7". */
const BEFORE_NUMBER = [
  'no', 'nos', 'nr', 'vol', 'vols', 'p', 'pp', 'fig', 'figs', 'art', 'ch', 'sec', 'op', 'abs', 'bd', 'pag', 'pág',
  'núm', 'n°', 'nº', 'blz', 'tel', 'с', 'стр', 'рис', 'табл', 'кв', 'д', 'გვ',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

/** End a sentence about as often as not: "… Apple Inc. The company …", "… in the U.S. He said …". */
const AMBIGUOUS = [
  'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'bros', 'jr', 'sr', 'etc', 'al', 'u.s', 'u.k', 'u.n', 'e.u', 'a.m',
  'p.m', 'd.c', 'ft', 'rd', 'ave', 'blvd', 'dept', 'univ', 'usw', 'ecc', 'mio', 'mrd', 'str', 'г', 'гг', 'т.д', 'т.п',
  'др', 'млн', 'млрд', 'тыс', 'руб', 'коп', 'см', 'м', 'р', 'рр', 'тис', 'грн', 'млн', 'vb', 'yy', 'թ', 'թթ',
  // Georgian: million, billion, thousand, and others, etc., years
  'მლნ', 'მლრდ', 'ათ', 'სხვ', 'ა.შ', 'წწ',
];

/** Sentence openers that make an ambiguous abbreviation end its sentence. */
const OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our', 'this', 'that',
  'these', 'those', 'there', 'but', 'and', 'in', 'on', 'at', 'as', 'for', 'if', 'when', 'while', 'after', 'before',
  'however', 'meanwhile', 'still', 'yet', 'so', 'since', 'officials', 'police', 'some', 'many', 'most', 'one', 'two',
  'last', 'earlier', 'later', 'now', 'then', 'what', 'why', 'how', 'who', 'mr', 'mrs', 'ms',
  'der', 'die', 'das', 'er', 'sie', 'es', 'wir', 'le', 'la', 'les', 'il', 'elle', 'ils', 'el', 'los', 'las', 'ella',
  'он', 'она', 'они', 'это', 'в', 'на', 'но', 'по', 'при', 'после', 'как', 'так',
]);

const KINDS = new Map<string, AbbreviationKind>();
for (const w of AMBIGUOUS) KINDS.set(w, 'ambiguous');
for (const w of BEFORE_NUMBER) KINDS.set(w, 'before-number');
for (const w of TITLES) KINDS.set(w, 'title');

/**
 * Titles that are also everyday words of some language when written in lower case: "told me." (English; "Me" is the
 * French title of a lawyer), "det." (Danish and Norwegian "it"; "Det." a detective), "hon." (Swedish "she"), "ir."
 * (Spanish "to go"), "sen." (Turkish "you"), "st." and "mt.". Only their capitalised form is the title.
 */
const CAPITALISED_TITLES = new Set(['me', 'det', 'hon', 'ir', 'sen', 'st', 'mt', 'gen', 'rep', 'pres', 'col', 'ing', 'sig', 'fr']);

/** What kind of abbreviation `word` (as written, without its final period) is, if any. */
export function abbreviationKind(word: string): AbbreviationKind | undefined {
  const lower = word.toLowerCase();
  if (CAPITALISED_TITLES.has(lower) && word[0] === lower[0]) return undefined;
  return KINDS.get(lower);
}

export function isSentenceOpener(word: string): boolean {
  return OPENERS.has(word.toLowerCase());
}
