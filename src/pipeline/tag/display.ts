// Country names and flags for display.
import { worldCountries } from './world-countries.js';

let names: Map<string, string> | undefined;

/** The country's common English name ("Türkiye", "United States"); the code itself when it is unknown. */
export function countryName(code: string): string {
  names ??= new Map(worldCountries.map((c) => [c.cca2, c.name.common]));
  const upper = code.trim().toUpperCase();
  return names.get(upper) ?? upper;
}

const REGIONAL_INDICATOR_A = 0x1f1e6;

/** The flag emoji for an ISO 3166-1 alpha-2 code (two regional indicator symbols); '' when the code is not two letters. */
export function flagEmoji(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return '';
  return String.fromCodePoint(REGIONAL_INDICATOR_A + upper.charCodeAt(0) - 65, REGIONAL_INDICATOR_A + upper.charCodeAt(1) - 65);
}
