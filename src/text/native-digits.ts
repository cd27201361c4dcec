// Digits as Arabic, Persian, Devanagari, Bengali, Thai, Khmer and Lao publishers write them, read as 0–9: by the date
// parser, and by clustering for the numbers a report in another language shares (name-keys.ts).
const nativeZeros = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x17e0, 0xed0];
const nativeDigit = new RegExp(`[${nativeZeros.map((z) => `\\u{${z.toString(16)}}-\\u{${(z + 9).toString(16)}}`).join('')}]`, 'gu');

/** The text with its native digits written 0–9. */
export function asciiDigits(text: string): string {
  return text.replace(nativeDigit, (d) => String(d.codePointAt(0)! - nativeZeros.find((z) => d.codePointAt(0)! - z <= 9 && d.codePointAt(0)! >= z)!));
}
