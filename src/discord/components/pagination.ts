// Previous / Next for story lists. A custom_id holds at most 100 characters and a search can be 200, so the buttons
// carry a short random id (`page:<id>:<page>`) of a list kept in memory: the story numbers in order, with the
// heading. Lists expire (least recently used first, and after a quiet spell); a click on an expired list is told to
// run the command again. docs/search.md explains the choice.
import { randomBytes } from 'node:crypto';
import { loadStoryCards, type StoryCard } from '../../db/lookups.js';
import { currentStoryIds } from '../../db/merged-stories.js';
import type { BotDeps } from '../bot-deps.js';
import type { InteractionContext } from '../command-context.js';
import type { ButtonHandler } from '../interaction-router.js';
import { pageSize, renderListPage, type ListKind } from '../render/lookup-list.js';
import type { ReplyPayload } from '../reply.js';

export interface StoredList {
  guildId: string;
  kind: ListKind;
  title: string;
  note: string;
  /** Story numbers in display order (the whole result, not only the first page). */
  ids: number[];
  /**
   * The page each story was shown on, by its number then: filled as pages are shown, so a story keeps the page a
   * member first saw it on while merges move numbers around (pageIds).
   */
  shownOn?: Map<number, number>;
}

export interface ListStore {
  /** Keeps a list and returns its id (8 URL-safe characters). */
  save(list: StoredList): string;
  get(id: string): StoredList | undefined;
  readonly size: number;
}

export interface ListStoreOptions {
  maxLists: number;
  /** A list unused for this long is forgotten. */
  idleMs: number;
  now?: () => number;
}

/** An LRU map with idle expiry. A Map keeps insertion order, so re-inserting on use makes its first key the oldest. */
export function createListStore(options: ListStoreOptions): ListStore {
  const now = options.now ?? Date.now;
  const lists = new Map<string, { list: StoredList; usedAt: number }>();
  return {
    save(list) {
      let id = randomBytes(6).toString('base64url');
      while (lists.has(id)) id = randomBytes(6).toString('base64url');
      lists.set(id, { list, usedAt: now() });
      while (lists.size > options.maxLists) lists.delete(lists.keys().next().value as string);
      return id;
    },
    get(id) {
      const entry = lists.get(id);
      if (!entry) return undefined;
      lists.delete(id);
      if (now() - entry.usedAt > options.idleMs) return undefined;
      entry.usedAt = now();
      lists.set(id, entry);
      return entry.list;
    },
    get size() {
      return lists.size;
    },
  };
}

/**
 * The bot's lists. 2,000 lists of at most 100 numbers are well under a megabyte. 30 minutes of idleness outlives
 * an ephemeral message's 15-minute interaction token, so a member paging a private list never sees it expire first.
 */
export const storyLists = createListStore({ maxLists: 2_000, idleMs: 30 * 60_000 });

export function pageCount(list: StoredList): number {
  return Math.max(1, Math.ceil(list.ids.length / pageSize));
}

/** Page `page` (0-based) of a list, with buttons when there is more than one page; `cards` if already loaded. */
export async function listPage(deps: BotDeps, list: StoredList, listId: string | undefined, page: number, cards?: StoryCard[]): Promise<ReplyPayload> {
  const pages = pageCount(list);
  const at = Math.min(Math.max(0, page), pages - 1);
  if (cards) recordShown(list, cards.map((c) => c.id), at);
  cards ??= await loadStoryCards(deps.prisma, list.guildId, await pageIds(deps, list, at));
  return renderListPage({ guildId: list.guildId, kind: list.kind, title: list.title, note: list.note, cards, page: at, pages, listId });
}

/**
 * A page's stories as they are now: the page is cut from the saved numbers (pages and their count as first shown),
 * each number standing for the story it was merged into since. A story shows on one page only, the first page of
 * this list it was shown on; one not shown yet shows at its first place on this page. Not at its earliest place in
 * the list: a story of page 1 merged, after page 1 was shown, into one of page 2 has its earliest place on page 1 now,
 * but page 1 was seen without it, so it would never be seen. Paging back to page 1 then leaves it out. The check and
 * the record happen with no await between, so pages shown at once (a public list's buttons) agree.
 */
async function pageIds(deps: BotDeps, list: StoredList, page: number): Promise<number[]> {
  const start = page * pageSize;
  const current = await currentStoryIds(deps.prisma, list.ids.slice(start, start + pageSize));
  const ids = current.filter((id, i) => current.indexOf(id) === i && (list.shownOn?.get(id) ?? page) === page);
  recordShown(list, ids, page);
  return ids;
}

function recordShown(list: StoredList, ids: readonly number[], page: number): void {
  const shownOn = (list.shownOn ??= new Map());
  for (const id of ids) if (!shownOn.has(id)) shownOn.set(id, page);
}

/**
 * Answers a command with the first page of a list, storing the list only when there is a second page to show.
 * `firstCards`: the first page's cards when the query that made the list already loaded them.
 */
export async function respondWithList(ctx: InteractionContext, list: StoredList, firstCards?: StoryCard[], store: ListStore = storyLists): Promise<void> {
  const listId = pageCount(list) > 1 ? store.save(list) : undefined;
  const ready = firstCards && firstCards.length === Math.min(pageSize, list.ids.length) ? firstCards : undefined;
  await ctx.respond(await listPage(ctx.deps, list, listId, 0, ready));
}

export function createPageButton(store: ListStore): ButtonHandler<'page'> {
  return async (ctx, { listId, page }) => {
    const list = store.get(listId);
    // A list from before a restart, or one nobody paged for a while, is gone: say so rather than show a wrong page.
    if (!list || list.guildId !== ctx.guildId) {
      await ctx.respondPrivately('This list has expired (lists are kept for 30 minutes after their last use, and not across restarts). Run the command again to get a fresh one.');
      return;
    }
    await ctx.updateMessage(await listPage(ctx.deps, list, listId, page));
  };
}

export const pageButton: ButtonHandler<'page'> = createPageButton(storyLists);
