// Is this page one article? The publisher usually says so (JSON-LD NewsArticle, og:type article); the markup says
// it too, as one long run of paragraphs. Such a page becomes a single item, read by the extract stage.
import { extractArticle } from '../extract/extract-article.js';
import { proseLength } from '../../text/unspaced.js';
import type { DateContext, SourceItem } from '../types.js';
import { closestWhere, consentNotices, inlineText, ldTypes, meta, tagOf, type DomElement, type HtmlPage } from './html-doc.js';

const articleType = /^(?:(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical|AskPublic|Backgrounder|Scholarly|Tech)?Article|BlogPosting|LiveBlogPosting|Report)$/;

export interface ArticleSignals {
  /** The page declares itself an article (JSON-LD or Open Graph). */
  declared: boolean;
  /** Characters of paragraph text under the single element holding the most of it (see proseLength). */
  mainText: number;
}


export function articleSignals(page: HtmlPage): ArticleSignals {
  const declared = page.jsonLd.some((o) => ldTypes(o).some((t) => articleType.test(t))) || /^article$/i.test(meta(page.document, 'og:type') ?? '');
  const perParent = new Map<unknown, number>();
  // A consent notice's legal prose is no article's, and outweighed a short story's or made a listing one.
  const notices = new Set(consentNotices(page.document));
  let mainText = 0;
  for (const p of Array.from(page.document.querySelectorAll('p'))) {
    const len = proseLength(inlineText(p));
    if (len < 40) continue;
    // Paragraphs inside a link are teasers on a card, not an article's prose.
    if (closestWhere(p, outsideProse) || (notices.size > 0 && closestWhere(p, (el) => notices.has(el)))) continue;
    const parent = p.parentElement;
    const total = (perParent.get(parent) ?? 0) + len;
    perParent.set(parent, total);
    if (total > mainText) mainText = total;
  }
  // Older CMSs write paragraphs as text between <br>s inside one element.
  const breaks = new Map<DomElement, number>();
  for (const br of Array.from(page.document.querySelectorAll('br'))) {
    const parent = br.parentElement;
    if (parent) breaks.set(parent, (breaks.get(parent) ?? 0) + 1);
  }
  for (const [el, count] of breaks) {
    if (count < 3 || closestWhere(el, outsideProse)) continue;
    mainText = Math.max(mainText, ownText(el));
  }
  return { declared, mainText };
}

const notProse = new Set(['a', 'nav', 'footer', 'aside']);
const outsideProse = (el: DomElement) => notProse.has(tagOf(el));

const inlineTags = new Set(['B', 'I', 'EM', 'STRONG', 'SPAN', 'FONT', 'U', 'SMALL', 'SUB', 'SUP', 'MARK', 'Q', 'CITE', 'ABBR']);

/** Length of an element's own prose: its text nodes and inline formatting, not links or nested blocks. */
function ownText(el: DomElement): number {
  let n = 0;
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3 || (node.nodeType === 1 && inlineTags.has(node.tagName?.toUpperCase() ?? ''))) {
      n += proseLength((node.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  }
  return n;
}

/**
 * The article on a page, read by the extract stage: its one reader of text and metadata (title, author, date, image,
 * language, section and tags), so a page read as a source and a page fetched for a feed item say the same things.
 */
export function readArticle(page: HtmlPage, dates: DateContext): SourceItem {
  return articleItem(page.html, page.url, dates);
}

/**
 * The same from the page's HTML alone, for a page known to be an article: the extract stage parses it (once, with
 * htmlparser2) and no DOM is built (ADR 17). `url` is the page's URL without its fragment.
 */
export function articleItem(html: string, url: string, dates: DateContext): SourceItem {
  const a = extractArticle(html, url, dates);
  return {
    url: a.url,
    title: a.title,
    author: a.author,
    publishedAt: a.publishedAt,
    imageUrl: a.imageUrl,
    categories: a.categories,
    language: a.language,
    text: a.text,
    // Named so that the summary is told from the story, as for a feed item's page (article-steps.ts summaryInput).
    ...(a.standfirst && { standfirst: a.standfirst }),
    ...(a.asides && { asides: a.asides }),
    // The outlet: the page's site name, else its host, never the page's title (the headline). Without a host (a
    // local file) the extractor names the URL; the item step's own fallback (the file's name) reads better.
    sourceName: a.sourceName !== url ? a.sourceName : undefined,
    needsFetch: false,
  };
}
