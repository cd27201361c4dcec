// Bytes to text. Regional news sites still serve windows-1251, koi8-r, shift_jis, gbk and friends, often with a
// wrong or missing label, so the encoding is taken from the first trustworthy signal: a BOM, the HTTP header, the
// document's own declaration, then a guess from the words themselves.
import iconv from 'iconv-lite';
import { guessLegacyCharset } from './charset-guess.js';

export type CharsetSource = 'bom' | 'header' | 'xml-declaration' | 'meta' | 'default' | 'utf8-override';

export interface DecodedText {
  text: string;
  /** The iconv-lite name used. */
  charset: string;
  source: CharsetSource;
}

// Where WHATWG (what browsers, and so publishers, rely on) reads a label differently from iconv-lite: these labels
// mean the larger Windows code page in practice, e.g. a page labelled iso-8859-1 uses curly quotes from cp1252.
const WHATWG_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  cp819: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  chinese: 'gbk',
  shift_jis: 'cp932',
  'shift-jis': 'cp932',
  sjis: 'cp932',
  'x-sjis': 'cp932',
  ms_kanji: 'cp932',
  csshiftjis: 'cp932',
  'windows-31j': 'cp932',
  'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949',
  korean: 'cp949',
  'windows-949': 'cp949',
  big5: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  'x-mac-cyrillic': 'maccyrillic',
  'x-mac-ukrainian': 'maccyrillic',
  'utf-16': 'utf-16le',
  'ucs-2': 'utf-16le',
  'iso-10646-ucs-2': 'utf-16le',
  csunicode: 'utf-16le',
  unicodefeff: 'utf-16le',
  unicode: 'utf-16le',
  'x-utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

const notTextEncodings = /^(?:hex|base64(?:url)?|binary|utf-?7(?:-?imap)?|ucs2|utf-?32(?:-?[lb]e)?|cesu-?8)$/;

/** The iconv-lite encoding for a charset label, or null when the label is unknown. */
export function normalizeCharset(label: string | undefined): string | null {
  if (!label) return null;
  const cleaned = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!cleaned) return null;
  const name = WHATWG_ALIASES[cleaned] ?? cleaned;
  if (name === 'utf8' || name === 'utf-8') return 'utf-8';
  // iconv-lite also knows codecs no web page is written in (its hex and base64 turned a page into its bytes' digits):
  // a browser takes a label it does not know for none, and so does Gazette.
  if (notTextEncodings.test(name)) return null;
  return iconv.encodingExists(name) ? name : null;
}

function detectBom(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

// Browsers look at the first 1024 bytes; pages with a long <head> of scripts put the meta later, so look further.
const PRESCAN_BYTES = 8192;

// Bounded: a declaration is short, and an unbounded span would rescan the window from every "<?xml".
const xmlDeclaration = /<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([^"']+)["']/i;

// Markup that starts a document's own content: an XML declaration after it belongs to something embedded (an inline
// SVG, a string in a script), not to the document. What PHP prints before a feed (`<br />\n<b>Warning</b>: …`) is not.
const documentMarkup = /<(?:!doctype|html|head|body|meta|script|style|svg|link|title|rss|feed|div|p)\b/i;

/**
 * The encoding a document declares for itself: its own XML declaration, else its `<meta>`. The XML declaration may
 * follow junk (PHP servers print warnings before it; sniff.ts skips them the same way), but not the document's
 * markup: an inline SVG's or a script's declaration must not override the page's meta or the guess.
 */
export function declaredCharset(bytes: Uint8Array): { label: string; source: 'xml-declaration' | 'meta' } | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const xml = xmlDeclaration.exec(withoutComments);
  if (xml?.[1] && !documentMarkup.test(withoutComments.slice(0, xml.index))) return { label: xml[1], source: 'xml-declaration' };
  for (const tag of withoutComments.matchAll(/<meta\s[^>]*>/gi)) {
    // Covers both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
    const match = /charset\s*=\s*["']?\s*([^\s"'>;/]+)/i.exec(tag[0]);
    if (match?.[1]) return { label: match[1], source: 'meta' };
  }
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80);
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (charset === 'utf-8') return buffer.toString('utf8');
  return iconv.decode(buffer, charset);
}

/**
 * Decodes a document. `headerCharset` is the raw Content-Type charset parameter. An unknown label is skipped in
 * favour of the next signal rather than failing the fetch.
 */
export function decodeText(bytes: Uint8Array, headerCharset?: string): DecodedText {
  // A BOM outranks the header, as in browsers: a byte-order mark is never there by accident, a header often is.
  const bom = detectBom(bytes);
  if (bom) {
    return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  }
  let chosen: { charset: string; source: CharsetSource } | null = null;
  const fromHeader = normalizeCharset(headerCharset);
  // The document's own declaration, looked for once (a prescan of its first kilobytes), when a rule below asks.
  let documented: { charset: string; source: CharsetSource } | null | undefined;
  const fromDocument = (): { charset: string; source: CharsetSource } | null => {
    if (documented !== undefined) return documented;
    const declared = declaredCharset(bytes);
    let charset = normalizeCharset(declared?.label);
    // A document read this far as ASCII is not UTF-16, whatever it says (the WHATWG rule).
    if (charset?.startsWith('utf-16')) charset = 'utf-8';
    return (documented = declared && charset ? { charset, source: declared.source } : null);
  };
  if (fromHeader) chosen = { charset: fromHeader, source: 'header' };
  // A header wrong the other way: UTF-8 named for bytes that cannot be UTF-8 (a windows-1251 feed served by a server
  // whose default is UTF-8) read as replacement characters. The document's own declaration, else the words, decide.
  if (fromHeader === 'utf-8' && hasNonAscii(bytes) && !isValidUtf8(bytes)) chosen = fromDocument();
  // A server's default legacy label (Apache's iso-8859-1, read as windows-1252) over a document that names its own
  // code page (an XML declaration or a meta saying windows-1251): the document is the more specific, as feed readers
  // take it; Cyrillic read as windows-1252 was mojibake.
  if (fromHeader === 'windows-1252') {
    const own = fromDocument();
    if (own && own.charset !== 'windows-1252' && own.charset !== 'utf-8') chosen = own;
  }
  if (!chosen) chosen = fromDocument();
  if (!chosen) {
    // Undeclared: UTF-8 when the bytes are UTF-8, else the legacy code page the words read best in (windows-1252
    // unless they are plainly Cyrillic, Greek, Arabic or Turkish: charset-guess.ts).
    const charset = isValidUtf8(bytes) ? 'utf-8' : guessLegacyCharset(bytes);
    return { text: decodeWith(bytes, charset), charset, source: 'default' };
  }
  if (chosen.charset !== 'utf-8' && !chosen.charset.startsWith('utf-16') && hasNonAscii(bytes) && isValidUtf8(bytes)) {
    // A legacy label on bytes that are valid UTF-8 with non-ASCII text is a stale label (a server default such as
    // Apache's iso-8859-1, or a site converted to UTF-8): real legacy text is practically never valid UTF-8.
    return { text: decodeWith(bytes, 'utf-8'), charset: 'utf-8', source: 'utf8-override' };
  }
  return { text: decodeWith(bytes, chosen.charset), charset: chosen.charset, source: chosen.source };
}
