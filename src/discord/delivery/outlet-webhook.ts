// Posting as the outlet (`/config post-as-outlet`): a story goes out through the webhook Gazette's application made
// in the channel, named after the story's outlet and showing its site's icon. Messages of an application-owned
// webhook keep their buttons, and clicks on them come to Gazette as interactions like clicks on its own posts.
import { DiscordAPIError, Routes, type APIMessage, type Client } from 'discord.js';
import type { StoryView } from '../../db/story-views.js';
import { clip } from '../reply.js';

export interface OutletWebhook {
  webhookId: string;
  token: string;
}

/** Discord's code for a webhook it no longer knows (deleted in the channel's settings, or by `/config`). */
export const unknownWebhookCode = 10015;

export function isUnknownWebhook(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === unknownWebhookCode;
}

// Discord refuses webhook names containing these words, and usernames containing these characters.
const forbiddenWords = /discord|clyde/gi;
const forbiddenMarks = /[@#:]|```/g;
const fallbackName = 'News';

/**
 * The outlet's name as a webhook username: 1–80 characters, without the words Discord forbids ("discord", "clyde")
 * or the characters it forbids in names (@ # : ```), and never "everyone" or "here". Removing a word can join two
 * halves into another forbidden one, so it repeats until nothing changes.
 */
export function outletUsername(sourceName: string): string {
  let name = sourceName.normalize('NFKC').replace(/[\p{Cc}\p{Cf}]/gu, '');
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(forbiddenWords, '').replace(forbiddenMarks, '');
  }
  name = clip(name.replace(/\s+/g, ' ').trim(), 80).trim();
  if (!name || /^(?:everyone|here)$/i.test(name)) return fallbackName;
  return name;
}

/** The icon of the article's site (its favicon), when the article is on the web; otherwise none. */
export function outletAvatarUrl(view: StoryView): string | undefined {
  try {
    const url = new URL(view.url);
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.origin}/favicon.ico` : undefined;
  } catch {
    return undefined;
  }
}

/** Executes the webhook and waits for the message (`?wait=true`), which is then the webhook's. */
export async function executeOutletWebhook(client: Client, hook: OutletWebhook, view: StoryView, body: Record<string, unknown>): Promise<APIMessage> {
  const avatar = outletAvatarUrl(view);
  return (await client.rest.post(Routes.webhook(hook.webhookId, hook.token), {
    body: { ...body, username: outletUsername(view.sourceName), ...(avatar && { avatar_url: avatar }) },
    query: new URLSearchParams({ wait: 'true' }),
    auth: false,
  })) as APIMessage;
}

/** Edits a message the webhook posted (only the webhook may). */
export async function editOutletWebhookMessage(client: Client, hook: OutletWebhook, messageId: string, body: Record<string, unknown>): Promise<void> {
  await client.rest.patch(Routes.webhookMessage(hook.webhookId, hook.token, messageId), { body, auth: false });
}
