// Host names as every stage reads them: one rule for "the same site" (a listing's own links, a canonical URL on the
// page's site, a site name in a title).

/** The host of a URL, lower case, without `www.`; '' when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\d?\./, '');
  } catch {
    return '';
  }
}

// Second levels under which country domains register names: bbc.co.uk, abc.net.au, gov.az, gouv.fr …
const publicSecondLevel = /^(?:co|com|org|net|ac|gov|gouv|govt|edu|ne|or|go|gob|nic|mil|ltd|plc|sch)$/;

/** The registrable part of a host: `news.bbc.co.uk` → `bbc.co.uk`, `edition.cnn.com` → `cnn.com`; IPs as they are. */
export function siteOfHost(host: string): string {
  if (!host || /^[\d.]+$/.test(host) || host.startsWith('[')) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const [second, tld] = labels.slice(-2) as [string, string];
  return labels.slice(tld.length === 2 && publicSecondLevel.test(second) ? -3 : -2).join('.');
}

/** True when both URLs are on one site (`news.example.com` and `example.com`). */
export function sameSite(a: string, b: string): boolean {
  const sa = hostOf(a);
  return sa !== '' && siteOfHost(sa) === siteOfHost(hostOf(b));
}
