import { describe, expect, it } from 'vitest';
import { chooseLanguage, normalizeLanguageTag } from '../../../src/pipeline/extract/language.js';
import { extractArticle } from '../../../src/pipeline/extract/index.js';
import { cleanAuthor, stripSiteName } from '../../../src/pipeline/extract/metadata.js';
import { readJsonLd } from '../../../src/pipeline/extract/json-ld.js';

const english =
  'The road to retiring early is not easy. It takes time and incredible discipline to earn, save, and invest as much as you possibly can, and most people who manage it say the hardest part was deciding what they wanted the money to buy them in the first place. ' +
  'That said, early retirement comes in various shapes and sizes, and what it looks like to one person may be entirely different from what it looks like to another.';
const german =
  'Die elektronische Patientenakte soll den Austausch zwischen Ärzten, Kliniken und Apotheken erleichtern. Doch der Weg ins Digitale ist lang, und viele Praxen sind noch nicht an die Telematikinfrastruktur angeschlossen, die dafür nötig ist.';

describe('stripSiteName', () => {
  it('removes a site suffix or prefix that names the site', () => {
    expect(stripSiteName('Esper accuses China of intimidation | Houston Chronicle', ['Houston Chronicle'], 'chron.com')).toBe('Esper accuses China of intimidation');
    expect(stripSiteName('Doobie Brothers to reunite - cleveland.com', [], 'cleveland.com')).toBe('Doobie Brothers to reunite');
    expect(stripSiteName('Sky News | Mourinho agrees deal to replace Pochettino', ['Sky News'], 'news.sky.com')).toBe('Mourinho agrees deal to replace Pochettino');
  });

  it('keeps dashes that are part of the headline', () => {
    expect(stripSiteName('Take C.A.R.E. - comwrap auf der DMEXCO 2018', [], 'blog.comwrap.com')).toBe('Take C.A.R.E. - comwrap auf der DMEXCO 2018');
    expect(stripSiteName('Armenia - Azerbaijan talks resume', ['Courier'], 'courier.example')).toBe('Armenia - Azerbaijan talks resume');
  });
});

describe('cleanAuthor', () => {
  it('keeps the name only', () => {
    expect(cleanAuthor('By Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET')).toBe('Bryan DeArdo');
    expect(cleanAuthor('Sandee LaMotte, CNN 1 day ago')).toBe('Sandee LaMotte, CNN');
    expect(cleanAuthor('Текст: Венера Ерофеева')).toBe('Венера Ерофеева');
  });

  it('refuses URLs and e-mail addresses', () => {
    expect(cleanAuthor('https://www.facebook.com/jane.doe')).toBeUndefined();
    expect(cleanAuthor('jane@courier.example')).toBeUndefined();
  });
});

describe('readJsonLd', () => {
  it('finds the article in a graph and resolves the publisher by id, tolerating raw newlines', () => {
    const block = `{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Courier"},
      {"@type":["NewsArticle"],"headline":"Line one","articleBody":"First line
second line","author":"Jane Doe","publisher":{"@id":"#org"}}]}`;
    const ld = readJsonLd([block]);
    expect(ld).toMatchObject({ headline: 'Line one', authors: ['Jane Doe'], publisher: 'Courier', isArticle: true });
    expect(ld?.articleBody).toBe('First line second line');
  });

  it('marks a page that only describes the site as not an article', () => {
    expect(readJsonLd(['{"@type":"WebSite","name":"Courier"}'])).toMatchObject({ isArticle: false, publisher: 'Courier' });
    expect(readJsonLd(['not json at all'])).toBeUndefined();
  });
});

describe('language', () => {
  it('normalises language tags to ISO 639-1', () => {
    expect(normalizeLanguageTag('en-US')).toBe('en');
    expect(normalizeLanguageTag('pt_BR')).toBe('pt');
    expect(normalizeLanguageTag('rus')).toBe('ru');
    expect(normalizeLanguageTag('iw')).toBe('he');
    // Filipino's own code has no two-letter form; the detector calls the language "tl".
    expect(normalizeLanguageTag('fil-PH')).toBe('tl');
    expect(normalizeLanguageTag('{{lang}}')).toBeUndefined();
  });

  it('trusts a declaration the text agrees with, including a close relative franc might prefer', () => {
    expect(chooseLanguage(['de'], german)).toBe('de');
    const portuguese =
      'A escola pública brasileira ainda enfrenta muitos desafios para garantir a alfabetização de todas as crianças até o final do segundo ano do ensino fundamental, segundo especialistas ouvidos pela reportagem nesta semana.';
    expect(chooseLanguage(['pt-BR'], portuguese)).toBe('pt');
  });

  it('overrules a template default the long text plainly contradicts', () => {
    expect(chooseLanguage(['de'], english)).toBe('en');
    expect(chooseLanguage(['en'], 'Армения и Азербайджан договорились возобновить переговоры о делимитации границы.')).toBe('ru');
  });

  it('detects when nothing is declared, and gives up on too little text', () => {
    expect(chooseLanguage([undefined, ''], german)).toBe('de');
    expect(chooseLanguage([], 'OK')).toBeUndefined();
  });
});

describe('a date printed on the page', () => {
  const context = { fetchedAt: new Date('2026-12-07T12:00:00Z'), timezone: 'UTC', dayFirst: true };
  const story = (byline: string, around: { before?: string; after?: string } = {}) =>
    `<html lang="en"><head><meta property="og:type" content="article"><title>Baku port to double container capacity</title></head><body>${around.before ?? ''}<article><h1>Baku port to double container capacity</h1><div class="byline">${byline}</div>` +
    `<p>${english}</p><p>${english}</p></article>${around.after ?? ''}</body></html>`;
  const published = (html: string) => extractArticle(html, 'https://caspian.example/news/baku-port', context).publishedAt?.toISOString();

  it('is the article’s own, not a date in a “Latest” sidebar or the site’s header', () => {
    const sidebar = '<aside><h3>Latest</h3><ul><li><a href="/a">Georgia protests</a> <span class="date">02.12.2026</span></li></ul></aside>';
    expect(published(story('By Staff | Published 1 July 2025 09:00', { after: sidebar }))).toBe('2025-07-01T09:00:00.000Z');
    expect(published(story('By Staff | Published 1 July 2025 09:00', { before: '<div class="topbar"><span class="date">Monday, 7 December 2026</span></div>' }))).toBe('2025-07-01T09:00:00.000Z');
    // A sidebar's dates alone say nothing of the story.
    expect(published(story('By Staff', { after: sidebar }))).toBeUndefined();
  });

  it('is the one after "Published" in a line that gives the update first', () => {
    expect(published(story('Updated: 5 July 2025 14:00 · Published: 1 July 2025 09:00'))).toBe('2025-07-01T09:00:00.000Z');
    expect(published(story('Обновлено 5 июля 2025 · Опубликовано: 1 июля 2025 09:00'))).toBe('2025-07-01T09:00:00.000Z');
  });
});
