// Cookie-consent notices: the banner a consent manager lays over a page, or a whole page that shows only the notice
// until a visitor clicks "Accept all" (which Gazette, keeping no cookies, never does). Beside an article the notice is
// furniture, and its long paragraph of legal prose outweighed a short story's; alone, the page has no article, and a
// moderator told "no main text" could not know why. Read on element names (id, class) and the notice's wording, so
// that both readers use them: the extract stage's tree (html-tree.ts) and the parse stage's DOM (html-doc.ts).

/** What a moderator is told when the page is a consent notice: the site, not the address, is in the way. */
export function consentPageReason(instead = 'the article'): string {
  return `the site shows a cookie-consent page instead of ${instead}`;
}

// The consent managers sites embed, by the id or class prefixes of their containers: OneTrust, Didomi, Quantcast
// Choice, Sourcepoint, Cookiebot, Complianz, Usercentrics, TrustArc, Google Funding Choices, Osano's Cookie Consent,
// CookieYes, CookieLawInfo, Iubenda.
const managerName =
  /(?:^|\s)(?:onetrust-(?:consent|banner|pc)-sdk|didomi-|qc-cmp|sp_message_container|CybotCookiebot|cmplz-cookiebanner|usercentrics-root|truste-consent|trustarc-banner|fc-consent-root|cc-window|cky-consent|cookie-law-info|iubenda-cs-banner)/i;

// Names sites give their own notices ("cookie-notice", "cookieBar", "gdpr-consent"): a guess until the text agrees.
const consentName = /cookie|consent|gdpr|(?:^|[\s_-])cmp(?:$|[\s_-])/i;

// A notice's wording, in the languages of Gazette's communities: each a phrase a news story rarely holds.
const consentPhrases = [
  /\bwe (?:and our (?:\d+ )?partners )?use cookies\b/i,
  /\b(?:uses|use of) cookies\b/i,
  /\bcookie (?:policy|settings|preferences)\b/i,
  /\baccept (?:all|all cookies|cookies)\b/i,
  /\breject all\b/i,
  /\bmanage (?:preferences|cookies|options|settings)\b/i,
  /\bwe value your privacy\b/i,
  /\bour partners (?:store|use|process)\b/i,
  /\bpersonali[sz]ed (?:ads|advertising)\b/i,
  /\b(?:wir verwenden cookies|alle akzeptieren|nous utilisons des cookies|tout accepter|utilizamos cookies|aceptar todo|мы используем (?:файлы )?cookie|принять все)/iu,
];

/**
 * Whether a text reads as a consent notice: `least` of its phrases or more ("We use cookies … Accept all"). A story
 * about consent banners may name two: a whole page's text is asked for more (not-an-article.ts).
 */
export function readsAsConsentNotice(text: string, least = 2): boolean {
  let found = 0;
  for (const phrase of consentPhrases) if (phrase.test(text) && ++found >= least) return true;
  return false;
}

// Never the page itself: consent managers mark <body> while their notice is open (`didomi-popup-open`).
const pageTags = new Set(['html', 'body', 'main', 'article', '#root']);

/**
 * Whether an element is a consent notice: a consent manager's container by its name, or an element named for cookies
 * or consent whose text reads as a notice (a recipe's `cookie-card` does not). `text` is asked for only then.
 */
export function isConsentNotice(tag: string, id: string, className: string, text: () => string): boolean {
  if ((!id && !className) || pageTags.has(tag.toLowerCase())) return false;
  if (managerName.test(id) || managerName.test(className)) return true;
  if (!consentName.test(id) && !consentName.test(className)) return false;
  const t = text();
  return t.length < 5000 && readsAsConsentNotice(t);
}
