import type { APIEmbed } from 'discord-api-types/v10';

/** Discord's limit on the characters of all a message's embeds. */
export const maxEmbedChars = 6000;

/** Characters Discord counts towards the 6000 a message's embeds may hold. */
export function embedLength(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.author?.name.length ?? 0) + (e.footer?.text.length ?? 0) + fields;
}
