// One written form for what search stores and what a member types, so that the same word matches however it was
// encoded: composed or decomposed (Vietnamese "Quảng" arrives both ways), Persian or Arabic letters for the same
// sounds (a Persian keyboard's ی and ک, an Arabic outlet's ي and ك: "ایران" against "ايران"), and Turkish and
// Azerbaijani capitals, whose dotless I lower-cases to ı, not i ("BAKIDA" is "bakıda", which PostgreSQL read "bakida").

const persianToArabic: Readonly<Record<string, string>> = { 'ی': 'ي', 'ک': 'ك', 'ى': 'ي' };

/** Letters only Turkish and Azerbaijani write among Latin scripts. */
export const turkicLetters = /[əƏıİğĞşŞ]/u;

/** `language`: the text's, when known; otherwise Turkish casing applies to a text with letters only Turkic writes. */
export function searchForm(text: string, language?: string | null): string {
  let form = text.normalize('NFC');
  if (/[یکى]/u.test(form)) form = form.replace(/[یکى]/gu, (c) => persianToArabic[c] ?? c);
  const turkic = language === 'tr' || language === 'az' || (!language && turkicLetters.test(form));
  return turkic ? form.toLocaleLowerCase('tr') : form;
}
