// The card around each article link of a listing (html-listing.ts): the block that links to that article alone, or
// to its headline and a related story or two, and what it says about the article (date, image, byline, teaser).
import { closestWhere, descendants, inlineText, tagOf, type DomElement } from './html-doc.js';

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5']);
export const isHeading = (el: DomElement) => headingTags.has(tagOf(el));

/** A link's headline heading: the heading it sits in, or the one it holds (`<a><h2>…</h2></a>`). */
export function headingOf(a: DomElement): DomElement | undefined {
  const around = closestWhere(a, isHeading);
  if (around) return around;
  for (const el of descendants(a)) if (isHeading(el)) return el;
  return undefined;
}

/** Levels above a link searched for its card. */
const cardDepth = 5;

/**
 * For each element up to a few levels above article links: the one article it links to, or '' when it links to
 * several. Computed once per page so finding every card stays linear in the number of links.
 */
export function linkOwners(links: { a: DomElement; key: string }[]): Map<DomElement, string> {
  const owners = new Map<DomElement, string>();
  for (const { a, key } of links) {
    let el = a.parentElement;
    for (let depth = 0; el && depth < cardDepth; depth++, el = el.parentElement) {
      const owner = owners.get(el);
      if (owner === undefined) owners.set(el, key);
      else if (owner !== key) owners.set(el, '');
    }
  }
  return owners;
}

/** Most articles a card links to: its own and a related one or two. More is a list of stories, not one card. */
const maxCardArticles = 3;

/**
 * Links to another article inside a story's card ("Related: …" after its teaser): a block whose first article link is
 * its one headline (in a heading) and which links to a few articles, the others outside headings and outside an
 * <article> of their own. Such a link took the block (its teaser, date, image) as its card, from its headline. Only
 * where the headline's own block is bare, its teaser and date beside it: a lead story with its own teaser and date,
 * above two plain-link stories with theirs, is three cards, and the two lost their dates and teasers.
 */
export function secondaryLinks(links: { a: DomElement; key: string }[]): Set<DomElement> {
  const blocks = new Map<DomElement, Block>();
  const inHeading = new Map(links.map(({ a }) => [a, headingOf(a) !== undefined]));
  const owners = linkOwners(links);
  for (const { a, key } of links) {
    let el = a.parentElement;
    for (let depth = 0; el && depth < cardDepth; depth++, el = el.parentElement) {
      const block = blocks.get(el) ?? { first: key, keys: new Set<string>(), headlines: new Set<string>() };
      blocks.set(el, block);
      if (block.keys.size <= maxCardArticles) block.keys.add(key);
      if (inHeading.get(a)) {
        block.headlines.add(key);
        if (key === block.first) block.bare ??= bareHeadline(a, key, owners);
      }
    }
  }
  const secondary = new Set<DomElement>();
  for (const { a, key } of links) {
    if (inHeading.get(a)) continue;
    let el = a.parentElement;
    for (let depth = 0; el && depth < cardDepth; depth++, el = el.parentElement) {
      if (tagOf(el) === 'article' || tagOf(el) === 'body' || tagOf(el) === 'main') {
        // Its own <article> is its own card; one around the headline too is the card looked for.
        if (tagOf(el) === 'article' && isRelatedIn(blocks.get(el)!, key)) secondary.add(a);
        break;
      }
      if (isRelatedIn(blocks.get(el)!, key)) {
        secondary.add(a);
        break;
      }
    }
  }
  return secondary;
}

interface Block {
  first: string;
  keys: Set<string>;
  headlines: Set<string>;
  /** Whether the first article's headline stands alone in its own block (bareHeadline). */
  bare?: boolean;
}

function isRelatedIn(block: Block, key: string): boolean {
  return block.first !== key && block.keys.size <= maxCardArticles && block.headlines.size === 1 && block.headlines.has(block.first) && block.bare === true;
}

/**
 * Whether a headline's own block (the largest linking to its article alone) holds nothing but the headline: no
 * paragraph, no time, no more than a few words beside it. Its teaser and date are then elsewhere in the card.
 */
function bareHeadline(a: DomElement, key: string, owners: Map<DomElement, string>): boolean {
  const own = cardOf(a, key, owners) ?? a;
  return !own.querySelector('p, time') && inlineText(own).length <= inlineText(a).length + 20;
}

/** The card around a link: the largest ancestor (a few levels up) that links to this one article and no other. */
export function cardOf(anchor: DomElement, key: string, owners: Map<DomElement, string>): DomElement | undefined {
  let card: DomElement | undefined;
  let el = anchor.parentElement;
  for (let depth = 0; el && depth < cardDepth; depth++, el = el.parentElement) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'body' || tag === 'main' || tag === 'html' || owners.get(el) !== key) break;
    card = el;
  }
  return card;
}


interface CardFacts {
  time?: DomElement;
  dated?: DomElement;
  img?: DomElement;
  author?: DomElement;
  category?: DomElement;
  paragraphs: string[];
}

const blockTags = new Set(['p', 'li', 'div', 'dd', 'dt', 'figure', 'section', 'aside']);

/**
 * What a card says about its article, in one walk over it (time, image, byline, tag, teaser paragraphs). The block
 * of a related link in it (`<p>Related: <a>…</a></p>`) is that link's, not the card's teaser.
 */
export function cardFacts(card: DomElement, secondary: ReadonlySet<DomElement>): CardFacts {
  const facts: CardFacts = { paragraphs: [] };
  const related = [...secondary].filter((a) => card.contains(a)).map((a) => closestWhere(a, (e) => blockTags.has(tagOf(e))) ?? a);
  for (const el of descendants(card)) {
    if (related.length && related.some((block) => block.contains(el))) continue;
    const tag = tagOf(el);
    const cls = (el.getAttribute('class') ?? '').toLowerCase();
    const rel = el.getAttribute('rel');
    if (tag === 'time' && (!facts.time || (!facts.time.getAttribute('datetime') && el.getAttribute('datetime')))) facts.time = el;
    else if (!facts.dated && /date|time/.test(cls)) facts.dated = el;
    if (tag === 'img') facts.img ??= el;
    if (rel === 'author' || /author|byline/.test(cls)) facts.author ??= el;
    if (rel === 'tag' || /category|kicker|section/.test(cls)) facts.category ??= el;
    if (tag === 'p') facts.paragraphs.push(inlineText(el));
  }
  return facts;
}
