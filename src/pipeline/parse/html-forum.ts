// Forum threads in the markup of the common engines (XenForo, Discourse, phpBB, vBulletin 3 to 5, MyBB, SMF) and in
// schema.org microdata: one item per post, with its author, date, own text (quotes and signatures removed) and a URL
// `thread#post-<id>`. The dialect that finds the most posts with a body wins.
import type { DateContext, SourceItem } from '../types.js';
import { dateOfElement, elementText, firstMatch, inlineText, pageTitle, type DomElement, type HtmlPage } from './html-doc.js';
import { postName } from './post-name.js';
import { fallbackTitle } from './text.js';

interface Dialect {
  name: string;
  post: string;
  body: readonly string[];
  author: readonly string[];
  /** An attribute of the post element holding the author's name. */
  authorAttribute?: string;
  /** The post element's id, when the engine's (`p123`) is what tells it from a blog's `post-123` wrapper. */
  idPattern?: RegExp;
  date: readonly string[];
  /** The engine's own quotes, beyond those every engine's markup names (`removable`). */
  quotes?: string;
}

const dialects: readonly Dialect[] = [
  {
    name: 'xenforo',
    post: 'article.message--post, article.message[data-author]',
    body: ['.message-body .bbWrapper', '.message-userContent .bbWrapper', '.bbWrapper', '.message-body'],
    author: ['.message-name .username', '.message-name', '.message-userDetails .username'],
    authorAttribute: 'data-author',
    date: ['.message-attribution-main time', 'time.u-dt', 'time[datetime]'],
  },
  {
    name: 'discourse',
    // Not schema.org `Comment`: blogs mark their comment sections with it, under an article.
    post: '.topic-post, div.crawler-post, [itemtype*="DiscussionForumPosting"]',
    body: ['.cooked', '[itemprop="text"]', '[itemprop="articleBody"]', '.post'],
    author: ['[itemprop="author"] [itemprop="name"]', '[itemprop="author"]', '.creator [itemprop="name"]', '.names .first', '.username'],
    date: ['time[itemprop="datePublished"]', '[itemprop="datePublished"]', '.post-time', '.relative-date', 'time'],
  },
  {
    name: 'phpbb',
    post: 'div.post[id^="p"]',
    idPattern: /^p\d+$/,
    body: ['.postbody .content', '.content'],
    author: ['.author .username', '.author .username-coloured', '.author strong a', '.postprofile .username', '.author strong'],
    date: ['.author time', 'time[datetime]', 'p.author', '.author'],
  },
  {
    name: 'vbulletin',
    post: 'li.postcontainer, li.postbitlegacy, li.b-post, div.postbit, div.postcontainer',
    body: ['.js-post__content-text', '.postcontent', '.post_message', '[id^="post_message_"]', '.b-post__content'],
    author: ['.username strong', '.username', '.b-post__author .author', '.author a', '.popupmenu.memberaction a'],
    date: ['.b-post__timestamp time', '.postdate', '.date', 'time'],
  },
  {
    // vBulletin 3: each post a table `#post123`, its text in `#post_message_123`, its date in the header cell.
    name: 'vbulletin3',
    post: 'table[id^="post"]',
    idPattern: /^post\d+$/,
    body: ['[id^="post_message_"]'],
    author: ['.bigusername', '[id^="postmenu_"] a'],
    date: ['td.thead', '.thead'],
    // A quote is a box of its own (a "Quote:" label over a table cell td.alt2), with no blockquote to name it by.
    quotes: 'div:has(> table td.alt2)',
  },
  {
    name: 'mybb',
    post: 'div.post[id^="post_"]',
    idPattern: /^post_\d+$/,
    body: ['.post_body', '.post_content'],
    author: ['.post_author .largetext a', '.post_author strong a', '.post_author a', '.author_information a'],
    date: ['.post_date', '.post_head .smalltext'],
  },
  {
    name: 'smf',
    post: 'div.post_wrapper',
    body: ['.post .inner', '.inner', '.post'],
    author: ['.poster h4 a', '.poster h4', '.poster a'],
    date: ['.keyinfo .smalltext', '.postinfo .smalltext', '.keyinfo'],
  },
];

// Quoted earlier posts, their "X said:" captions and expanders, signatures, reaction bars.
const removable = [
  'blockquote', '.bbCodeBlock--quote', '.bbCodeQuote', 'aside.quote', '.quote', '.quotecontent', '.quotetitle', '.quoteheader',
  '.quotefooter', '.mycode_quote', '.bbcode_container', '.bbcode_quote', '.bbCodeBlock-expandLink', '.quote-container',
  '.signature', '.message-signature', '.sig', '.signaturecontainer', '.postbit_signature', '.reactionsBar', '.likes-bar',
  'script', 'style', 'noscript', '.quote-controls', '.post-menu-area', '.topic-map',
  // An attached image's file name, size and view count (phpBB's dl.file, Discourse's lightbox meta): a post of an image
  // alone has no text to post ("poipet-queue.jpg (245.31 KiB) Viewed 37 times").
  'dl.file', 'dl.attachbox', '.inline-attachment', '.lightbox-wrapper .meta',
].join(', ');

// What an engine leaves where a post was deleted: no post of its own.
const deletedPost = /^\(?(?:post|message|this post) (?:was |has been )?(?:deleted|withdrawn|removed)(?: by (?:the )?(?:author|a moderator|moderator|staff))?\)?\.?$/i;

export interface ForumThread {
  title?: string | undefined;
  items: SourceItem[];
}

/**
 * `threadUrl`: the thread's followed page, when this is a later one. A post is known by that page and its engine's id
 * (or, without one, a name made from its author, date and opening: post-name.ts) as its guid, so that a post shown on two pages (some engines repeat the first post on each) or moved to
 * another (a post deleted before it) is one item.
 */
export function readForum(page: HtmlPage, dates: DateContext, threadUrl = page.url): ForumThread | undefined {
  let best: SourceItem[] = [];
  for (const dialect of dialects) {
    const items = postsOf(page, dialect, dates, threadUrl);
    if (items.length > best.length) best = items;
  }
  if (best.length === 0) return undefined;
  // The thread's own subject before any <h1>: SMF's h1 names the forum (its subject is #top_subject), vBulletin 4's
  // says "Thread: " before its span.threadtitle, vBulletin 3 has none and ends its breadcrumb with the subject.
  const heading = inlineText(firstMatch(page.document, ['.p-title-value', '.topic-title', '#topic-title h1', '.thread-title', '#top_subject', '.threadtitle', 'h1', 'td.navbar strong']));
  return { title: heading || pageTitle(page), items: best };
}

function postsOf(page: HtmlPage, dialect: Dialect, dates: DateContext, threadUrl: string): SourceItem[] {
  const all = Array.from(page.document.querySelectorAll(dialect.post)).filter((p) => !dialect.idPattern || dialect.idPattern.test(p.id));
  // Innermost containers only: Discourse marks the whole topic as a DiscussionForumPosting around its posts. Each
  // post marks the posts above it (the page's depth is bounded, html-limits.ts): comparing every pair took seconds for
  // a thread of 20,000 posts.
  const candidates = new Set(all);
  const outer = new Set<(typeof all)[number]>();
  for (const p of all) for (let up = p.parentElement; up; up = up.parentElement) if (candidates.has(up)) outer.add(up);
  const posts = all.filter((p) => !outer.has(p));
  const items: SourceItem[] = [];
  const usedIds = new Set<string>();
  posts.forEach((post, index) => {
    const bodyEl = firstMatch(post, dialect.body);
    if (!bodyEl) return;
    const clean = bodyEl.cloneNode(true);
    for (const el of Array.from(clean.querySelectorAll(dialect.quotes ? `${removable}, ${dialect.quotes}` : removable))) el.remove();
    const text = elementText(clean);
    if (!text || deletedPost.test(text)) return;
    const author = (dialect.authorAttribute ? post.getAttribute(dialect.authorAttribute)?.trim() : undefined) || inlineText(firstMatch(post, dialect.author)) || undefined;
    const dateEl = firstMatch(post, dialect.date);
    const engineId = postId(post, bodyEl);
    let id = engineId ?? postName(author, machineDate(dateEl), text);
    // Two posts alike in author, date and opening (or one engine id twice): the later is named by its place as well,
    // and known on this page only.
    const repeated = usedIds.has(id);
    if (repeated) id = `${id}-${index + 1}`;
    usedIds.add(id);
    items.push({
      url: `${page.url}#post-${id}`,
      ...(!repeated ? { guid: `${threadUrl}#post-${id}` } : {}),
      title: fallbackTitle(text),
      author: author?.replace(/^by\s+/i, ''),
      publishedAt: dateOfElement(dateEl, dates),
      html: withoutEdgeBreaks(clean.innerHTML),
      text,
      needsFetch: false,
      // Its name before it was made from its content: the thread's remembered keys name its posts so until its first
      // read after the change, and it would be posted again.
      ...(engineId ? {} : { formerUrl: `${page.url}#post-${index + 1}` }),
    });
  });
  return items;
}

/** The engine's own post id or number: `p123`, `post_123`, `post-123`, `js-post-123`, `data-post-number="3"`, `msg_123`. */
function postId(post: DomElement, body: DomElement): string | undefined {
  for (const attr of ['data-post-number', 'data-post-id', 'data-postid']) {
    const v = post.getAttribute(attr);
    if (v && /^\w+$/.test(v)) return v;
  }
  const dataContent = post.getAttribute('data-content');
  if (dataContent) {
    const m = /^post-(\d+)$/.exec(dataContent);
    if (m) return m[1];
  }
  for (const id of [post.id, body.id, post.querySelector('[id^="msg_"], [id^="post_message_"]')?.id ?? '']) {
    const m = /^(?:js-)?(?:p|post|post_|post-|pid_?|msg_|post_message_)(\d+)$/.exec(id ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/** The date a post's markup states for machines (parse/post-name.ts: not one worded for people). */
function machineDate(dateEl: DomElement | undefined): string | undefined {
  return dateEl && ['datetime', 'content', 'data-time', 'data-timestamp'].map((attr) => dateEl.getAttribute(attr)?.trim()).find(Boolean);
}

/**
 * A post's HTML without the spaces and line breaks at its ends. The end is trimmed by a loop: a regular expression
 * anchored there was tried from every position of a long run, and one post of 100,000 spaces or `<br>`s in its middle
 * made the whole thread unreadable (over the parse's time limit).
 */
function withoutEdgeBreaks(html: string): string {
  const start = /^(?:\s|<br\s*\/?>)*/i.exec(html)![0].length;
  let end = html.length;
  for (;;) {
    while (end > start && /\s/.test(html[end - 1]!)) end--;
    const br = /<br\s*\/?>$/i.exec(html.slice(Math.max(start, end - 40), end));
    if (!br) break;
    end -= br[0].length;
  }
  return html.slice(start, end);
}
