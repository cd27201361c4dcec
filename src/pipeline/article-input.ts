// What the orchestrator asks of an item or article on the main thread, kept apart from article-steps.ts: that module
// brings extraction, parsing and tagging (some 40 MB and a quarter of a second to load), which only the thread that
// runs the CPU jobs needs (worker/jobs.ts).
import type { ExtractedArticle, SourceItem } from './types.js';

/** An item carrying less text than this is a teaser: its page is fetched for the real text. */
export const minOwnText = 400;

/** The rule for an item's own text (articleFromItem): this short, the page is fetched instead. */
export const isTeaserText = (text: string): boolean => text.length < minOwnText * 4;

/**
 * Whether the item is a teaser whose page must be fetched, where that shows without parsing its HTML (a feed item
 * carries its text): the orchestrator then fetches the page at once instead of asking a worker first. Undefined when
 * only the item's HTML would tell.
 */
export function isTeaser(item: SourceItem): boolean | undefined {
  if (!item.needsFetch) return false;
  if (item.text !== undefined) return isTeaserText(item.text);
  return item.html ? undefined : true;
}

/**
 * What a summary is made from: the text without a standfirst, so a post tells the story in the writer's sentences
 * rather than repeating the publisher's blurb (issue 9), and without the paragraphs of embedded posts and captions:
 * a tweet quoted in the story is someone else's words, a caption describes a picture the post does not show.
 */
export function summaryInput(article: ExtractedArticle): { title: string; text: string; language?: string | undefined } {
  let text = article.standfirst && article.text.startsWith(article.standfirst) ? article.text.slice(article.standfirst.length).trimStart() : article.text;
  if (article.asides?.length) {
    const asides = new Set(article.asides);
    text = text.split('\n\n').filter((paragraph) => !asides.has(paragraph)).join('\n\n');
  }
  return { title: article.title, text, language: article.language };
}
