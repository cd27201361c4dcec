// Which catalog answers a member: the interaction's locale (Discord's client language, e.g. 'en-US', 'pt-BR', 'ru')
// exactly, then its language part ('pt'), then English, message by message. Catalogs are registered here and only
// here; a new locale is a file exporting a `Partial<Catalog>` and one line in `catalogs`.
import { en } from './en.js';

/** The English catalog's shape: every message id, and for a function its parameters. */
export type Catalog = typeof en;
export type MessageId = keyof Catalog;
/** What `t` takes after the id: nothing for a plain string, the parameters object for a function. */
export type ParamsOf<K extends MessageId> = Catalog[K] extends (params: infer P) => string ? [params: P] : [];
export type Translate = <K extends MessageId>(id: K, ...params: ParamsOf<K>) => string;
export type Catalogs = Readonly<Record<string, Partial<Catalog>>>;

/** Every locale with a catalog, by Discord locale or bare language code. English must stay complete (it is typed so). */
export const catalogs: Catalogs = { en };

/** The locales consulted for `locale`, most specific first, always ending with English. */
export function localeChain(locale: string | null | undefined, registry: Catalogs = catalogs): string[] {
  const chain: string[] = [];
  const exact = locale?.trim();
  if (exact && registry[exact]) chain.push(exact);
  const language = exact?.split('-')[0]?.toLowerCase();
  if (language && language !== exact && registry[language]) chain.push(language);
  if (!chain.includes('en')) chain.push('en');
  return chain;
}

function render(message: string | ((params: never) => string), params: unknown[]): string {
  return typeof message === 'function' ? (message as (p: unknown) => string)(params[0]) : message;
}

/** A `t` for one locale: each message from the most specific catalog that has it, else English. */
export function translator(locale: string | null | undefined, registry: Catalogs = catalogs): Translate {
  const chain = localeChain(locale, registry).map((l) => (l === 'en' ? en : registry[l]) as Partial<Catalog>);
  return (id, ...params) => {
    for (const catalog of chain) {
      const message = catalog[id];
      if (message !== undefined) return render(message, params);
    }
    return render(en[id], params);
  };
}

/** One message in one locale. */
export function t<K extends MessageId>(locale: string | null | undefined, id: K, ...params: ParamsOf<K>): string {
  return translator(locale)(id, ...params);
}

/** English, for logs and for UserError messages (which stay English; the reply is localized from the id). */
export const english: Translate = translator('en');
