// Text members send (slash-command options, autocomplete, modal fields) may hold control characters: no keyboard
// types them, but a client can send anything. PostgreSQL refuses U+0000 in text outright (22021), which turned a
// search into "Something went wrong on Gazette's side"; the others are invisible junk in names, tags and queries.
// Publishers' documents hold them too (a JSON Feed's "\u0000", a raw NUL in XML or a page): there one in a feed's
// title or an item's guid failed the whole feed's ingest, so the parse stage drops them as well.
// Tab and line breaks are kept: a modal's paragraph may hold them, and PostgreSQL takes them.
const controls = /[^\P{Cc}\t\n\r]/gu;

/** The text without control characters (Unicode Cc) other than tab, line feed and carriage return. */
export function withoutControlCharacters(text: string): string {
  return text.replace(controls, '');
}

/**
 * A record's own strings and string lists without control characters, the rest as it is (one level deep: an item, a
 * document's fields). Every string field, so one added to the item later is cleaned too.
 */
export function stringsWithoutControlCharacters<T extends object>(record: T): T {
  const clean = (v: unknown) => (typeof v === 'string' ? withoutControlCharacters(v) : v);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = Array.isArray(value) ? value.map(clean) : clean(value);
  return out as T;
}
