// Translated summaries (TRANSLATE_URL): one row per article and language, made once when a post is rendered for
// delivery and shared by every guild that posts in that language.
import type { Tx } from './tx.js';

export interface CachedTranslation {
  summary: string;
  title: string | null;
}

export async function cachedTranslation(tx: Tx, articleId: number, language: string): Promise<CachedTranslation | null> {
  return tx.translation.findUnique({ where: { articleId_language: { articleId, language } }, select: { summary: true, title: true } });
}

/**
 * Keeps a translation; when another process (or an earlier round) stored one for the same article and language
 * first, that one stays and is returned, so every guild shows the same words.
 */
export async function saveTranslation(tx: Tx, entry: { articleId: number; language: string; summary: string; title?: string | null | undefined }): Promise<CachedTranslation> {
  await tx.translation.createMany({ data: [{ articleId: entry.articleId, language: entry.language, summary: entry.summary, title: entry.title ?? null }], skipDuplicates: true });
  return (await cachedTranslation(tx, entry.articleId, entry.language)) ?? { summary: entry.summary, title: entry.title ?? null };
}
