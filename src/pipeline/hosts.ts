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

/**
 * True when both URLs are of one publisher: one site, and the same host once a mobile or AMP label is left out (`www.`
 * already is), or one host within the other (`edition.cnn.com` and `cnn.com`). Two hosts beside each other under one
 * domain are not: on a shared platform (`alice.substack.com`, `bob.github.io`) each is its own publisher, and one could
 * claim the other's article as its canonical address.
 */
export function samePublisher(a: string, b: string): boolean {
  if (!sameSite(a, b)) return false;
  const [x, y] = [a, b].map((url) => hostOf(url).replace(/^(?:m|mobile|amp)\./, '')) as [string, string];
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}
