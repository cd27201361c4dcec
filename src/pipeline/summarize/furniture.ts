// Page furniture that extraction can leave in article text: app and newsletter prompts, share and follow buttons,
// captions and photo credits, bylines, disclaimers, cookie notices, related-link lists. A summary must never quote
// them, so the summarizer drops every line and sentence that matches. The patterns look for the wording of the
// prompt itself, not for topics: an article about a newsletter or an app keeps its ordinary sentences.

const FURNITURE: readonly RegExp[] = [
  // Apps, newsletters, subscriptions, social buttons
  /\bdownload\b.{0,40}\bapp\b/i,
  /\b(get|install) (the|our) (free )?app\b/i,
  /\bget started now\b/i,
  /\bsign up\b.{0,60}\b(newsletter|alerts?|updates|emails?|briefing|digest)\b/i,
  /\bnewsletters?\b.{0,40}\b(sign up|subscribe|inbox|delivered)\b/i,
  /\b(subscribe|subscription)\b.{0,40}\b(now|today|to (our|the)|for (only|just|unlimited))\b/i,
  /^(subscribe|follow|share|tweet|pin|print|comments?|reply)\b[^.!?]{0,40}$/i,
  /\bfollow us\b|\bfollow me on\b/i,
  /^follow\b.{0,60}\b(on|@)\b/i,
  /\bshare (this|the) (article|story|post|page|video)\b|\bshare on (facebook|twitter|x|whatsapp|linkedin)\b|^share (this|on|via)\b/i,
  /\b(join the (conversation|discussion)|leave a comment)\b|^\d+\s+comments?$/i,
  // Read-more and related-link lists
  /^(read|see|watch|listen)( more| also| next| the full| here)?\s*[:»>|-]/i,
  /^read more\b|\bread more\s*([:»>|]|$)/i,
  /\b(click|tap) here\b/i,
  /\bscroll down\b/i,
  /^(related|more from|more on|more stories|see also|you may also like|you might also like|recommended|most (read|popular|viewed)|trending|top stories|latest news)\b/i,
  /^(watch|video|listen|play)\s*[:|]/i,
  // Captions, credits, bylines, datelines of the page itself
  /^(photo|image|picture|pictured|video|graphic|illustration|caption|credit|source|file photo|photograph)s?\s*(:|\||by\b|credit)/i,
  /\b(getty images|afp via getty|reuters\/|ap photo|epa-efe|shutterstock|istock(photo)?|via reuters|photo courtesy)\b/i,
  /^(published|updated|posted|last (updated|modified)|first published)(\s+(on|at))?\s*[:\d]|^posted by\b/i,
  /^(tags?|topics?|categories|filed under|keywords)\s*:/i,
  // Disclaimers, legal, cookies, ads
  /\bviews expressed\b.{0,80}\b(author|own|writer|necessarily)\b/i,
  /\bdo(es)? not necessarily (reflect|represent)\b/i,
  /\ball rights reserved\b|©|\(c\)\s*\d{4}|\bcopyright\s+(©\s*)?\d{4}/i,
  /\b(we|this (site|website)) uses? cookies\b/i,
  /^(advertisement|advert|sponsored( content)?|promoted( content)?|ad)\s*$/i,
  /\b(this (article|post|page) (contains|may contain) affiliate|we (may )?earn (a )?commission)\b/i,
  /\b(enable|turn on) javascript\b|\bjavascript (is )?(disabled|required)\b/i,
  // A few other languages: read-also, subscribe, download-the-app prompts. (\b only knows ASCII letters.) Before a
  // word's first letter, \b is (?<!\w): same matches, but with /iu a leading \b keeps V8 from scanning for the word
  // and these three patterns cost as much as all the others together (unanchored, every sentence is read).
  /^(читайте|смотрите) (также|еще|ещё)(?!\p{L})|подписывайтесь|скачайте приложение/iu,
  /^(lesen sie (auch|mehr)|mehr zum thema|weiterlesen)\b|(?<!\w)abonnieren sie\b/iu,
  /^(lire aussi|à lire aussi|voir aussi|lire la suite)\b|(?<!\w)abonnez-vous\b/iu,
  /^(leer más|lea también|ver también|te puede interesar)\b|(?<!\w)suscríbete\b/iu,
  /^(اقرأ أيضا|اقرأ أيضاً|شاهد أيضا)|حمّل التطبيق|حمل التطبيق/u,
  /^(ayrıca okuyun|ilginizi çekebilir)\b/iu,
];

/**
 * Words a news story also uses ("ordered Apple to remove VPN apps from its App Store", "fined Meta over its cookie
 * consent banners", "breached its privacy policy"): furniture only when the sentence speaks to the reader or about
 * the site itself, or is as short as a link or a button.
 */
const PROMPT_WORDS: readonly RegExp[] = [
  /app-?store|play-?store|google play\b|\bapp store\b/i,
  /\bcookies?\b.{0,60}\b(use|accept|consent|policy|settings|preferences)\b/i,
  /\b(terms of (use|service)|privacy (policy|notice))\b/i,
];
const ADDRESSES_READER = /\b(you|your|we|our|us)\b|\bthis (site|website|page)\b|^(download|get|install|accept|agree|click|tap|continue|read|see|manage)\b/i;
const PROMPT_LENGTH = 60;

/**
 * A quoted earlier post in a forum thread: "(Yesterday, 09:10 AM)Jane Doe Wrote: …" (MyBB), a "Jane Doe wrote:"
 * line on its own (phpBB), "Quote from: …" (SMF), "Originally Posted by …" (vBulletin). "X said:" is not one: news
 * paragraphs open that way.
 */
const WROTE = '(wrote|schrieb|a écrit|escribió|написал|написала|yazdı)';
const QUOTED_POST = new RegExp(
  `^\\([^)]{0,40}\\)\\s*[^\\n:]{1,60}?\\s${WROTE}\\s*:|^[^\\n:]{1,60}?\\s${WROTE}\\s*:\\s*$|^(quote|quote from|originally posted by)\\b`,
  'iu',
);

/** Lines that are only a date, a time, a relative time or a count ("Yesterday, 09:20 AM", "time10-07-2025"). */
const DATE_LINE =
  /^(time)?\s*(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|(yesterday|today),?\s*(at\s*)?\d{1,2}:\d{2}(\s*[ap]m)?|\d+\s+(minutes?|hours?|days?)\s+ago|\d{1,2}:\d{2}(\s*[ap]m)?)\s*$/i;

/** A byline: "By Jane Doe", "By JOHN SMITH, Political Editor"; short, so "By Christmas Day, the town had…" stays. */
const BYLINE = /^[Bb][Yy]\s+\p{Lu}[\p{L}'’.-]+(\s+\p{Lu}[\p{L}'’.-]+){1,3}\s*(,|\||-|–|and\b|for\b|$)/u;

export function isFurniture(sentence: string): boolean {
  const text = sentence.trim();
  if (text === '') return true;
  if (DATE_LINE.test(text)) return true;
  if (text.length < 100 && BYLINE.test(text)) return true;
  if (FURNITURE.some((pattern) => pattern.test(text))) return true;
  return (text.length < PROMPT_LENGTH || ADDRESSES_READER.test(text)) && PROMPT_WORDS.some((pattern) => pattern.test(text));
}

/**
 * Furniture that marks the end of an article's text on a page (app and newsletter prompts, related links,
 * comments, copyright): the short blurbs around it are promotion, not article.
 */
const PAGE_END = [
  /\bdownload\b.{0,40}\bapp\b|\bget started now\b|app-?store|play-?store/i,
  /\bsign up\b|\bnewsletters?\b|\bsubscribe\b/i,
  /^(related|more from|more on|more stories|see also|you may also like|you might also like|recommended|most (read|popular|viewed)|trending|top stories|latest news)\b/i,
  /\b(join the (conversation|discussion)|leave a comment)\b|^\d+\s+comments?$|^comments?\b/i,
  /\ball rights reserved\b|©|\bcopyright\b|\bfollow us\b|\bshare (this|on)\b|\bcookies?\b|\bprivacy (policy|notice)\b/i,
];

export function isPageEndMarker(line: string): boolean {
  return isFurniture(line) && PAGE_END.some((pattern) => pattern.test(line));
}

export function isQuotedPost(paragraph: string): boolean {
  return QUOTED_POST.test(paragraph.trim());
}

/**
 * The line an embedded social post's markup ends with, for text that comes without the markup (extraction names the
 * paragraphs of embeds; a feed's text does not): "— Jane Doe (@janedoe) July 10, 2025" (X), "A post shared by Jane
 * Doe (@janedoe)" (Instagram). The post's own words are the block right before it.
 */
const POST_SIGNATURE = /^[—–-]\s*[^\n()]{0,80}\(@[\w.]{1,30}\)[^\n]{0,40}$|^a post shared by\b.{0,80}\(@[\w.]{1,30}\)/iu;

export function isPostSignature(block: string): boolean {
  return POST_SIGNATURE.test(block.trim());
}

/**
 * Light cleaning of a sentence before it can appear in a summary: list markers, bare links and stray asterisks
 * go, whitespace collapses. The sentence itself stays whole.
 */
export function cleanSentence(sentence: string): string {
  return sentence
    // (?<!\w) for a leading \b, as in FURNITURE: the same matches, read ~20 times faster with /iu.
    .replace(/(?<!\w)https?:\/\/\S+|(?<!\w)www\.\S+/giu, '')
    // Inline credits: "(Photo: Reuters)", "(AP Photo/Jane Doe)". The lookbehind starts the match only where a run of
    // whitespace starts: `\s*\(` alone was retried from every space of a long run (quadratic; blocks keep their spaces).
    .replace(/(?<!\s)\s*\((photos?|images?|pictures?|credits?|ap photo)\b[^)]{0,80}\)/giu, '')
    .replace(/^\s*([-–—•*·▪►>]|\d{1,2}[.)])\s+/u, '')
    // Wire datelines: "(CNN)ESPN's …", "LONDON (Reuters) - The …".
    .replace(/^(\p{Lu}[\p{Lu} .,'-]{1,40}\s)?\((CNN|AP|Reuters|AFP|UPI|dpa|EFE|ANSA|Xinhua|TASS|Anadolu)\)\s*([-–—:]\s*)?/u, '')
    .replace(/(^|\s)\*+(?=\s|$)/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
