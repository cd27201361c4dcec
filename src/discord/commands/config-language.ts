// `/config language code`: the language a guild's posts are written in (ISO 639-1, default 'en'). Summaries of
// articles in other languages are translated into it when TRANSLATE_URL is set, and otherwise posted as they are,
// labelled with their language (src/discord/delivery/localize-story.ts). Audited by updateGuildSettings.
import type { APIEmbed } from 'discord-api-types/v10';
import { updateGuildSettings } from '../../db/guilds.js';
import { UserError } from '../../errors.js';
import { languageCodes, languageName, matchLanguage } from '../../text/languages.js';
import { label, maxChoices, rankMatches, type Choice } from '../autocomplete/choices.js';
import type { CommandContext } from '../command-context.js';
import { clip } from '../reply.js';

/** "Russian (ru)", with the language's own name when it differs: "Russian · русский (ru)". */
export function languageLabel(code: string): string {
  const english = languageName(code) ?? code;
  const own = languageName(code, code);
  return own && own.toLowerCase() !== english.toLowerCase() ? `${english} · ${own} (${code})` : `${english} (${code})`;
}

export async function configLanguageCommand(ctx: CommandContext<'code'>): Promise<void> {
  const typed = ctx.requiredString('code');
  const language = matchLanguage(typed);
  if (!language) {
    throw new UserError('invalid', `Gazette does not know the language "${clip(typed, 40)}". Give a two-letter ISO 639-1 code such as \`en\`, \`ru\` or \`ka\`, or pick one from the list.`);
  }
  await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, { language });
  const name = languageName(language) ?? language;
  await ctx.respond({
    content: ctx.deps.translator
      ? `Posts are now written in ${languageLabel(language)}: summaries in other languages are translated into ${name} when they are posted, labelled with their original language; titles stay as published.`
      : `Posts are now written in ${languageLabel(language)}. No translation service is set up (TRANSLATE_URL), so summaries in other languages are posted as they are, labelled with their language.`,
  });
}

/** Autocomplete for `code`: languages whose code, English name or own name match what was typed. */
export function languageChoices(typed: string): Choice[] {
  const wanted = typed.trim().toLowerCase();
  const codes = languageCodes();
  // With nothing typed, the languages of the regions Gazette's communities follow most come first.
  const ordered = wanted ? codes : [...new Set(['en', 'ru', 'uk', 'ka', 'hy', 'az', 'tr', 'ar', 'fa', 'zh', 'es', 'fr', 'de', ...codes])];
  return rankMatches(ordered, wanted, (code) => [code, languageName(code) ?? '', languageName(code, code) ?? ''])
    .slice(0, maxChoices)
    .map((code) => ({ name: label(languageLabel(code)), value: code }));
}

/** `/config show`'s line for it, placed before the (long) list of changed regions. */
export function withLanguageField(embed: APIEmbed, language: string, translating: boolean): APIEmbed {
  const how = translating ? 'summaries in other languages are translated' : 'summaries in other languages are labelled (no translation service set up)';
  const field = { name: 'Language', value: `${languageLabel(language)}: ${how}. \`/config language\` changes it.` };
  const fields = [...(embed.fields ?? [])];
  const at = fields.findIndex((f) => f.name === 'Regions changed');
  fields.splice(at < 0 ? fields.length : at, 0, field);
  return { ...embed, fields };
}
