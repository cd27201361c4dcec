import { describe, expect, it } from 'vitest';
import { en } from '../../../src/discord/i18n/en.js';
import { catalogs, localeChain, t, translator, type Catalog, type Catalogs } from '../../../src/discord/i18n/index.js';
import { LocalizedUserError, userErrorText } from '../../../src/discord/i18n/localized-error.js';
import { staleComponent } from '../../../src/discord/custom-ids.js';
import { genericMessage } from '../../../src/discord/interaction-router.js';

// A made-up partial catalog (not a translation Gazette ships): `satisfies` is the compile-time check that another
// locale's messages use English's ids and parameters.
const fake = {
  'guard.manageServer': '[pt-BR] manage server',
  'follow.list.heading': (p: { count: number }) => `[pt-BR] ${p.count}`,
} satisfies Partial<Catalog>;

// @ts-expect-error an id English does not have is refused
const unknownId = { 'no.such.message': 'x' } satisfies Partial<Catalog>;
// @ts-expect-error a message's parameters must be English's
const wrongParams = { 'follow.list.heading': (p: { total: string }) => p.total } satisfies Partial<Catalog>;
void unknownId;
void wrongParams;

const withFake: Catalogs = { ...catalogs, 'pt-BR': fake };

describe('reply catalogs', () => {
  it('resolves Discord locales to a catalog chain ending in English', () => {
    expect(Object.keys(catalogs)).toEqual(['en']);
    expect(localeChain('en-US')).toEqual(['en']);
    expect(localeChain('en-GB')).toEqual(['en']);
    expect(localeChain('ru')).toEqual(['en']);
    expect(localeChain('pt-BR')).toEqual(['en']);
    expect(localeChain(undefined)).toEqual(['en']);
    expect(localeChain('pt-BR', withFake)).toEqual(['pt-BR', 'en']);
    expect(localeChain('pt-PT', { ...catalogs, pt: fake })).toEqual(['pt', 'en']);
  });

  it('answers in English where no catalog exists', () => {
    for (const locale of ['en-US', 'en-GB', 'ru', 'pt-BR']) {
      expect(t(locale, 'guard.manageServer')).toBe('Only members with the Manage Server permission can do that.');
      expect(t(locale, 'follow.list.heading', { count: 1 })).toBe('You follow 1 thing in this server:');
    }
  });

  it('falls back to English message by message from a partial catalog', () => {
    const pt = translator('pt-BR', withFake);
    expect(pt('guard.manageServer')).toBe('[pt-BR] manage server');
    expect(pt('follow.list.heading', { count: 3 })).toBe('[pt-BR] 3');
    expect(pt('guard.moderator')).toBe(en['guard.moderator']);
    expect(pt('error.generic', { reference: '42' })).toMatch(/^Something went wrong on Gazette's side, sorry\..*\(reference 42\)\.$/);
    expect(translator('en-US', withFake)('guard.manageServer')).toBe(en['guard.manageServer']);
  });

  it('keeps error messages English and localizes the reply from the id', () => {
    const error = new LocalizedUserError('forbidden', 'guard.manageServer');
    expect(error.message).toBe(en['guard.manageServer']);
    expect(userErrorText(error, translator('pt-BR', withFake))).toBe('[pt-BR] manage server');
    expect(staleComponent).toBe('That button no longer works (it belongs to an older version of Gazette or of this message). Try `/news story`.');
    expect(genericMessage('7')).toBe("Something went wrong on Gazette's side, sorry. It has been logged; if it keeps happening, tell a moderator (reference 7).");
  });
});
