// One written form for what search stores and what a member types, so that the same word matches however it was
// encoded: composed or decomposed (Vietnamese "Quảng" arrives both ways), Persian or Arabic letters for the same
// sounds (a Persian keyboard's ی and ک, an Arabic outlet's ي and ك: "ایران" against "ايران"), and Turkish and
// Azerbaijani capitals, whose dotless I lower-cases to ı, not i ("BAKIDA" is "bakıda", which PostgreSQL reads "bakida").

const persianToArabic: Readonly<Record<string, string>> = { 'ی': 'ي', 'ک': 'ك', 'ى': 'ي' };

/** Letters only Turkish and Azerbaijani write among Latin scripts. */
export const turkicLetters = /[əƏıİğĞşŞ]/u;

function commonForm(text: string): string {
  const form = text.normalize('NFC');
  return /[یکى]/u.test(form) ? form.replace(/[یکى]/gu, (c) => persianToArabic[c] ?? c) : form;
}

/**
 * A story's text as its search document holds it. `language`: the text's, when known; otherwise Turkish casing applies
 * to a text with letters only Turkic writes. With Turkish casing, a word whose capital I PostgreSQL would read as i
 * ("FIFA", "INSTAGRAM") is held both ways, after the text: read only as Turkish, the query "Instagram" missed it.
 */
export function documentForm(text: string, language?: string | null): string {
  const form = commonForm(text);
  if (!(language === 'tr' || language === 'az' || (!language && turkicLetters.test(form)))) return form;
  const turkish = form.toLocaleLowerCase('tr');
  if (!form.includes('I')) return turkish;
  // The whole text again, not its I-words alone: a quoted phrase typed without Turkic letters ("Irak'ta saldırı" read
  // as irak) finds its words side by side there.
  return `${turkish} ${form.replace(/[Iİ]/gu, 'i').toLowerCase()}`;
}

/** What a member typed, in the same form: a word with a letter only Turkic writes is cased as Turkish ("BAKı" → "bakı"). */
export function queryForm(text: string): string {
  const form = commonForm(text);
  return turkicLetters.test(form) ? form.replace(/\S+/gu, (word) => (turkicLetters.test(word) ? word.toLocaleLowerCase('tr') : word)) : form;
}
