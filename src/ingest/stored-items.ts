// Which of a read's new items are stored already. An item is the article stored under its link (the raw link or its
// canonical form: an article is stored under its page's canonical address), or, in its own feed, under its guid with
// the same title or link. A guid alone is not enough: feeds that reuse guids (numbered by position, or one for all)
// give an old guid to a new item, and that item was taken as stored and lost.
import { storedUnder, type StoredElsewhere, type StoredItem } from '../db/articles.js';
import type { Tx } from '../db/tx.js';
import { linkKey, sameTitle } from '../pipeline/orchestrator.js';
import type { SourceItem } from '../pipeline/types.js';

export interface StoredItems {
  /** Whether the item is stored already (through this feed or another). */
  has(item: SourceItem): boolean;
  /** The article another feed (or a member) stored under the item's link, whose story this feed's followers may lack. */
  elsewhere(item: SourceItem): StoredElsewhere | undefined;
  /**
   * Whether this feed's article under the item's guid is another item: the new one is stored without its guid (known
   * by its link), since a guid names one article per feed.
   */
  guidTaken(item: SourceItem): boolean;
}

export async function storedItems(tx: Tx, feedId: number | null, items: SourceItem[]): Promise<StoredItems> {
  const links = new Map(items.map((i) => [i, [...new Set([i.url, linkKey(i)])]] as const));
  const guids = items.flatMap((i) => (i.guid ? [i.guid] : []));
  const rows = await storedUnder(tx, feedId, { urls: [...new Set([...links.values()].flat())], guids });
  const byUrl = new Map(rows.map((r) => [r.url, r]));
  const byGuid = new Map(rows.flatMap((r) => (r.guid && r.feedId === feedId ? [[r.guid, r] as const] : [])));
  const underLink = (item: SourceItem) => links.get(item)?.map((url) => byUrl.get(url)).find((r) => r !== undefined);
  const underGuid = (item: SourceItem): StoredItem | undefined => (item.guid ? byGuid.get(item.guid) : undefined);
  // The same item when its link or its title is the same: a corrected headline keeps its link, a link that gains a
  // tracking parameter keeps its headline. A new item under a reused guid has neither. (An item without a title is
  // known by its guid alone, as its key is: itemKey.)
  const sameItem = (item: SourceItem, row: StoredItem) => !item.title?.trim() || links.get(item)!.includes(row.url) || sameTitle(row.title, item.title);
  const underOwnGuid = (item: SourceItem) => {
    const row = underGuid(item);
    return row !== undefined && sameItem(item, row);
  };
  return {
    has: (item) => underLink(item) !== undefined || underOwnGuid(item),
    elsewhere(item) {
      const row = underLink(item);
      if (!row || row.feedId === feedId || row.storyId === null) return undefined;
      return { articleId: row.articleId, url: row.url, storyId: row.storyId, title: row.title, text: row.text, language: row.language };
    },
    guidTaken(item) {
      const row = underGuid(item);
      return row !== undefined && !sameItem(item, row) && underLink(item) === undefined;
    },
  };
}
