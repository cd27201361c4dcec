// The one rule for linking an article's address from anything Gazette sends: an embed's link or thumbnail, a link
// button, or a markdown link in text. Feed addresses are untrusted: a file: source's items link to files, a feed may
// give `javascript:` or a tracking-laden address thousands of characters long, and Discord refuses the whole message
// for an embed or button address it does not take.
import { shownUrl } from '../../text/shown-url.js';

/** Discord's longest address in an embed (its link, its thumbnail). */
export const maxEmbedUrl = 2048;
/** Discord's longest link button address. */
export const maxButtonUrl = 512;
/**
 * The longest address linked from text. Discord has no limit of its own there, but a list's lines share one
 * description or field: a longer address would crowd out the other lines, so its text shows unlinked instead.
 */
export const maxTextUrl = 300;

/**
 * The address when Discord takes it, else undefined: a web address (any case of http or https, no whitespace) of at
 * most `max` characters.
 */
export function webUrl(url: string | null | undefined, max = maxEmbedUrl): string | undefined {
  return url && /^https?:\/\/\S+$/i.test(url) && url.length <= max ? url : undefined;
}

/**
 * `[label](url)` when the address is a web address (see webUrl) of at most `max` characters, else the label alone.
 * The label must be markdown already escaped by the caller (isolatedText or escapeText: feed text never closes the
 * link early with its own `]`). Parentheses in the address are percent-encoded, as an unbalanced `)` would end the
 * link there.
 */
export function markdownLink(label: string, url: string | null | undefined, max = maxTextUrl): string {
  const encoded = webUrl(url, Infinity)?.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return encoded && encoded.length <= max ? `[${label}](${encoded})` : label;
}

/**
 * An address shown as itself in a visible reply (an item a preview could not read): between angle brackets, with the
 * characters Discord reads as markdown percent-encoded (as markdownLink does parentheses), so that a feed's
 * `<link>https://a.example/[Claim **Nitro**](https://phish.example)</link>` cannot show as a masked link to another
 * site. Without the user name and password a private feed's address may carry (shownUrl).
 */
export function shownLink(url: string): string {
  return `<${shownUrl(url).replace(/[[\]()*_~`|<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`;
}
