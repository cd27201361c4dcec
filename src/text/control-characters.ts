// Text members send (slash-command options, autocomplete, modal fields) may hold control characters: no keyboard
// types them, but a client can send anything. PostgreSQL refuses U+0000 in text outright (22021), which turned a
// search into "Something went wrong on Gazette's side"; the others are invisible junk in names, tags and queries.
// Tab and line breaks are kept: a modal's paragraph may hold them, and PostgreSQL takes them.
const controls = /[^\P{Cc}\t\n\r]/gu;

/** The text without control characters (Unicode Cc) other than tab, line feed and carriage return. */
export function withoutControlCharacters(text: string): string {
  return text.replace(controls, '');
}
