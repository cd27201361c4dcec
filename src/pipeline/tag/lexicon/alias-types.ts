// Shapes of the curated place lexicon. Plain data, so the lists can be read and reviewed like a table.

/**
 * What kind of evidence a phrase is. The kind sets how much one mention weighs: a country's name says more than a
 * demonym ("French" is also a language), a capital more than a provincial city.
 */
export type AliasKind = 'name' | 'historic' | 'code' | 'demonym' | 'capital' | 'city' | 'subdivision' | 'metonym';

/**
 * `any`: matches in any casing. `cap`: only when written with a capital (Turkey, not turkey; China, not china),
 * unless the whole text is caseless. `upper`: only in capitals (US, UK, not us).
 */
export type Casing = 'any' | 'cap' | 'upper';

export interface AliasSpec {
  phrase: string;
  /** ISO 3166-1 alpha-2; the empty string marks a blocking phrase ("Indian Ocean", "Latin America"). */
  country: string;
  kind: AliasKind;
  casing?: Casing;
  /** Also a person's name: ignored after a title (Mr, Coach) or a capitalized first name (Michael Jordan). */
  person?: boolean;
  /**
   * Also a first name: ignored before a capitalized word in the same sentence when the text shows a person (a role
   * before it, the surname alone elsewhere: "captain Jordan Henderson", "Hilton said"); see person-names.ts.
   */
  firstName?: boolean;
  /**
   * A name in another language, in Latin letters (Mauricio, Spanish for Mauritius; Maurice, French): in English text a
   * first name before a surname ("Mauricio Pochettino"), in its own language one when the text shows a person.
   */
  translated?: boolean;
  /** Ignored when the next word is one of these (china clay, guinea pig). */
  notBefore?: readonly string[];
  /**
   * Counts only when the text also has firm evidence for the same country or for one of these countries
   * (Georgia the country next to Armenia, not the US state); otherwise it counts for `fallback`, if any.
   */
  support?: readonly string[];
  fallback?: string;
  /** Counts only in text of one of these languages (ISO 639-1): forms that are other words in other languages. */
  languages?: readonly string[];
  /** A stem entry (`stem*`): the stem's length in tokenizer letters, and what may follow it in the word. */
  tail?: { after: number; ending: RegExp };
}

/** Compact row form used by the data files: `[phrase, country, kind, options?]`. */
export type AliasRow = readonly [string, string, AliasKind, Omit<AliasSpec, 'phrase' | 'country' | 'kind'>?];

export function rowsToSpecs(rows: readonly AliasRow[]): AliasSpec[] {
  return rows.map(([phrase, country, kind, options]) => ({ phrase, country, kind, ...options }));
}
