// The language label under a post's summary ("Translated from Russian", "In Russian"), in the guild's language. The
// language is named by the runtime (Intl.DisplayNames) in that language; the words around it come from this table,
// for the languages of Gazette's regions and their neighbours, else English. A Russian name inside an English
// phrase ("Translated from русский") read worse than all English, so a language without phrases here gets both in
// English. The phrases avoid inflecting the name (most of these languages would decline "from Russian"): a colon
// or a preposition that takes the name as the runtime gives it.
import { baseLanguage, languageName } from '../../text/languages.js';

interface NotePhrases {
  translated: (name: string) => string;
  original: (name: string) => string;
}

const english: NotePhrases = { translated: (name) => `Translated from ${name}`, original: (name) => `In ${name}` };

const phrases: Readonly<Record<string, NotePhrases>> = {
  ru: { translated: (name) => `Перевод; язык оригинала: ${name}`, original: (name) => `Язык оригинала: ${name}` },
  uk: { translated: (name) => `Переклад; мова оригіналу: ${name}`, original: (name) => `Мова оригіналу: ${name}` },
  ka: { translated: (name) => `თარგმანი; ორიგინალის ენა: ${name}`, original: (name) => `ორიგინალის ენა: ${name}` },
  hy: { translated: (name) => `Թարգմանություն, բնագրի լեզուն՝ ${name}`, original: (name) => `Բնագրի լեզուն՝ ${name}` },
  az: { translated: (name) => `Tərcümə; orijinalın dili: ${name}`, original: (name) => `Orijinalın dili: ${name}` },
  tr: { translated: (name) => `Çeviri; özgün dil: ${name}`, original: (name) => `Özgün dil: ${name}` },
  ar: { translated: (name) => `مترجم من ${name}`, original: (name) => `باللغة ${name}` },
  fa: { translated: (name) => `ترجمه از ${name}`, original: (name) => `به زبان ${name}` },
  vi: { translated: (name) => `Bản dịch; ngôn ngữ gốc: ${name}`, original: (name) => `Ngôn ngữ gốc: ${name}` },
  id: { translated: (name) => `Terjemahan dari bahasa ${name}`, original: (name) => `Dalam bahasa ${name}` },
  ms: { translated: (name) => `Terjemahan daripada bahasa ${name}`, original: (name) => `Dalam bahasa ${name}` },
  th: { translated: (name) => `แปลจากภาษา${name}`, original: (name) => `ต้นฉบับภาษา${name}` },
  zh: { translated: (name) => `译自${name}`, original: (name) => `原文为${name}` },
};

/**
 * The label for a summary in language `from` shown to a guild reading `to`: translated, or left in the original.
 * Undefined when the runtime cannot name `from`.
 */
export function languageNote(from: string, to: string, translated: boolean): string | undefined {
  const local = phrases[baseLanguage(to)];
  const localName = local && languageName(from, baseLanguage(to));
  const [words, name] = local && localName ? [local, localName] : [english, languageName(from)];
  if (!name) return undefined;
  return translated ? words.translated(name) : words.original(name);
}
