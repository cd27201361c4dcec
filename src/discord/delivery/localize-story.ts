// A story as a guild reads it: when the lead's summary is in another language than the guild's (`/config language`),
// its translation (TRANSLATE_URL) with "Translated from Russian", or the original with "In Russian", in the guild's
// language where ./language-note.ts has the words. The title stays
// the original. Run by the delivery worker when a post is rendered, never on the interaction path: a translation is
// made once per article and language (src/db/translations.ts), within the translator's timeout, and anything that
// goes wrong posts the original, labelled.
import type { Prisma } from '../../db/client.js';
import type { StoryView } from '../../db/story-views.js';
import { cachedTranslation, saveTranslation } from '../../db/translations.js';
import type { Logger } from '../../logger.js';
import type { Translator } from '../../pipeline/orchestrator.js';
import { baseLanguage, languageName } from '../../text/languages.js';
import { languageNote } from './language-note.js';

export interface StoryLocalizerOptions {
  prisma: Prisma;
  logger: Logger;
  translator?: Translator | undefined;
  now?: () => Date;
  /** After a failed translation, how long the same article and language post untranslated without asking again. */
  retryAfterMs?: number;
}

export type LocalizeStory = (view: StoryView, guildId: string) => Promise<StoryView>;

export function createStoryLocalizer(options: StoryLocalizerOptions): LocalizeStory {
  const { prisma, logger, translator } = options;
  const now = options.now ?? (() => Date.now());
  const retryAfterMs = options.retryAfterMs ?? 10 * 60_000;
  /** Failed article/language pairs and when they may be asked again, so edits (votes) never wait on a dead endpoint. */
  const failedUntil = new Map<string, number>();
  /** Translations in flight, so two guilds' posts of one story in one round ask once. */
  const inFlight = new Map<string, Promise<string | null>>();

  async function translate(articleId: number, text: string, from: string, to: string): Promise<string | null> {
    if (!translator) return null;
    const key = `${articleId}:${to}`;
    const until = failedUntil.get(key);
    if (until !== undefined && until > now().valueOf()) return null;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = (async () => {
        const translated = await translator.translate({ text, from, to });
        if (translated === null) {
          if (failedUntil.size >= 1_000) for (const [k, t] of failedUntil) if (t <= now().valueOf()) failedUntil.delete(k);
          failedUntil.set(key, now().valueOf() + retryAfterMs);
          return null;
        }
        failedUntil.delete(key);
        return (await saveTranslation(prisma, { articleId, language: to, summary: translated })).summary;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  }

  return async (view, guildId) => {
    if (!view.language || view.leadArticleId === undefined || !view.summary.trim()) return view;
    const from = baseLanguage(view.language);
    const to = view.guildLanguage;
    if (!languageName(from)) return view;
    try {
      // Bokmål (nb, as pages declare it) is what a server asking for Norwegian (no) reads: not translated, not labelled.
      if (sameWritten(from) === sameWritten(to)) return view;
      const cached = await cachedTranslation(prisma, view.leadArticleId, to);
      const translated = cached?.summary ?? (await translate(view.leadArticleId, view.summary, from, to));
      if (translated) return { ...view, summary: translated, languageNote: languageNote(from, to, true) };
    } catch (error) {
      logger.warn({ err: error, storyId: view.id, guildId, articleId: view.leadArticleId }, 'could not translate the summary, posting the original');
    }
    return { ...view, languageNote: languageNote(from, to, false) };
  };
}

const sameWritten = (code: string) => (code === 'nb' ? 'no' : code);
