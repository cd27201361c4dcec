// The story model on hand-written news: what joins a story and what does not, through the same decision the bot's
// database path and the preview share (placeArticle over clusterInMemory's index).
import { describe, expect, it } from 'vitest';
import { clusterInMemory } from '../../../src/ingest/cluster-in-memory.js';
import { clusterTerms } from '../../../src/pipeline/orchestrator.js';
import { addToCentroid, chooseStory, idfOf, joinThreshold, placeArticle } from '../../../src/pipeline/dedupe/story-choice.js';
import type { PlaceArticle, StoryIndex, StoryProfile } from '../../../src/pipeline/types.js';
import { seedTexts } from '../../helpers/news-site.js';

const article = (title: string, text = '') => ({ title, terms: clusterTerms({ title, text: text || title }) });

async function storiesOf(titles: { title: string; text?: string }[]): Promise<string[][]> {
  const stories = await clusterInMemory(titles.map((t) => article(t.title, t.text)), placeArticle);
  return stories.map((s) => s.map((a) => a.title));
}

// Background headlines about other things, so that the IDF knows which words are common.
const background = [
  'Central bank holds interest rates steady as inflation eases',
  'Storm knocks out power to thousands along the coast',
  'Parliament passes budget after a late-night session',
  'Football club appoints new manager after poor season',
  'Oil prices rise on supply worries in the Middle East',
  'City council approves plan for new tram line',
].map((title) => ({ title }));

describe('the story model', () => {
  it('joins differently worded headlines about one acquisition', async () => {
    const stories = await storiesOf([
      ...background,
      { title: 'Accenture to acquire consulting firm Hytec Critical Facilities' },
      { title: 'Accenture to buy Hytec Critical Facilities consulting unit' },
      { title: 'Accenture will buy Hytec, adding critical facilities consulting' },
    ]);
    expect(stories.find((s) => s.some((t) => t.startsWith('Accenture')))).toHaveLength(3);
  });

  it('keeps two events apart when they share only one rare name', async () => {
    // "Ashford" is a surname in one and a town in the other: one shared rare word is not an event.
    const stories = await storiesOf([
      ...background,
      { title: 'Jury hears closing arguments in Ashford murder trial' },
      { title: 'Studio casts Emma Ashford as lead in new spy series' },
    ]);
    expect(stories.filter((s) => s.some((t) => t.includes('Ashford')))).toHaveLength(2);
  });

  it('keeps two launches by one brand apart', async () => {
    const stories = await storiesOf([
      ...background,
      { title: 'Apple unveils a cheaper iPhone with a larger battery' },
      { title: 'Apple opens its first retail store in Mumbai' },
    ]);
    expect(stories.filter((s) => s.some((t) => t.startsWith('Apple')))).toHaveLength(2);
  });

  it('lets one shared word join a story that is about that word, not a single article', async () => {
    const stories = await storiesOf([
      ...background,
      { title: 'Titanfall launches on Xbox One to strong reviews' },
      { title: 'Titanfall servers struggle on Xbox One launch day' },
      { title: 'Xbox One sales jump as Titanfall arrives' },
      { title: 'Titanfall patch promised' },
    ]);
    expect(stories.find((s) => s.some((t) => t === 'Titanfall patch promised'))).toHaveLength(4);
  });

  it('puts the two Azerbaijan–Russia seed pieces in one story and the Cambodia–Thailand report in another', async () => {
    const seeds = seedTexts();
    const stories = await storiesOf([
      { title: 'Azerbaijan and Russia: how a partnership fell apart', text: seeds.aljazeera },
      { title: 'Cambodia accuses Thailand of border violations', text: seeds.alarabiya },
      { title: 'Once a close partner: Baku and Moscow after Yekaterinburg', text: seeds.forum },
    ]);
    expect(stories).toHaveLength(2);
    expect(stories.find((s) => s.some((t) => t.startsWith('Cambodia')))).toHaveLength(1);
  });

  it('groups Chinese reports by their words, which ICU segments (no spaces between them)', async () => {
    const stories = await storiesOf([
      ...background,
      { title: '柬埔寨指责泰国升级边境紧张局势', text: '柬埔寨政府周二指责泰国在边境问题上升级紧张局势，并称新的过境限制措施不可接受。两国外长将再次会面。' },
      { title: '泰国否认升级边境紧张局势', text: '泰国政府周三否认柬埔寨关于其升级边境紧张局势的指责，称过境限制措施是为了安全。两国外长将再次会面。' },
      { title: '日本央行维持利率不变', text: '日本央行周四宣布维持利率不变，并表示通胀压力有所缓解。市场对此反应平淡。' },
    ]);
    expect(stories.find((s) => s.some((t) => t.startsWith('柬埔寨')))).toHaveLength(2);
    expect(stories.find((s) => s.some((t) => t.startsWith('日本')))).toHaveLength(1);
  });

  it('merges the stories an article shows to be one, into the oldest, and leaves a story that shares less', async () => {
    const idf = idfOf({ documents: 1000, frequency: () => 10 });
    const story = (id: number, ...articles: string[][]): StoryProfile => ({
      id,
      size: articles.length,
      centroid: articles.reduce((c, words) => addToCentroid(c, Object.fromEntries(words.map((w) => [w, 1])), idf), {} as StoryProfile['centroid']),
    });
    // Two stories of one collapse that began apart, and a third about the same exchange's older news.
    const older = story(4, ['gox', 'bankruptci', 'tokyo', 'file'], ['gox', 'bankruptci', 'bitcoin', 'exchang']);
    const newer = story(9, ['bitcoin', 'exchang', 'collaps', 'gox'], ['bitcoin', 'exchang', 'gox', 'bankruptci', 'custom']);
    const other = story(7, ['gox', 'hack', 'coin', 'stolen', 'wallet']);
    const index: StoryIndex = { stats: async () => ({ documents: 1000, frequency: () => 10 }), candidates: async () => [newer, other, older] };
    const placed = await placeArticle({ gox: 1, bankruptci: 1, bitcoin: 1, exchang: 1, collaps: 1 }, index);
    expect(placed.storyId).toBe(4);
    expect(placed.merge).toEqual([9]);
    // The kept story's centroid counts the articles of both and the new one.
    expect(placed.centroid.gox?.[1]).toBe(5);
    // Nothing merges when the article has no candidate close to another.
    const alone = await placeArticle({ gox: 1, hack: 1, coin: 1, stolen: 1 }, { ...index, candidates: async () => [other, older] });
    expect(alone).toMatchObject({ storyId: 7 });
    expect(alone.merge).toBeUndefined();
  });

  it('merges the stories a headline meets nearly as well as the one it joins, and only for a headline', async () => {
    const idf = idfOf({ documents: 1000, frequency: () => 10 });
    // Three articles each, so that one more does not bring their centroids together (convergingStories).
    const story = (id: number, words: string[]): StoryProfile => {
      const one = Object.fromEntries(words.map((w) => [w, 1]));
      return { id, size: 3, centroid: [one, one, one].reduce((c, t) => addToCentroid(c, t, idf), {} as StoryProfile['centroid']) };
    };
    const a = story(3, ['jet', 'missing', 'malaysia', 'search', 'ocean', 'indian']);
    const b = story(5, ['jet', 'missing', 'ukrain', 'debris', 'crash', 'rebel']);
    const index: StoryIndex = { stats: async () => ({ documents: 1000, frequency: () => 10 }), candidates: async () => [b, a] };
    const words = (list: string[]) => Object.fromEntries(list.map((w) => [w, 1]));
    // As close to both (cosine 0.61 each): they are one story, kept as the older.
    const tie = await placeArticle(words(['jet', 'missing', 'search', 'debris']), index);
    expect(tie).toMatchObject({ storyId: 3, merge: [5] });
    // Much closer to one (0.82 against 0.41): nothing merges.
    const clear = await placeArticle(words(['jet', 'missing', 'malaysia', 'search']), index);
    expect(clear.storyId).toBe(3);
    expect(clear.merge).toBeUndefined();
    // A longer text as close to both (0.35 each, twelve words) does not merge them: full texts meet sibling events so.
    const long = await placeArticle(words(['jet', 'missing', 'search', 'debris', 'ocean', 'pilot', 'radar', 'flight', 'navy', 'satellit', 'beij', 'famili']), index);
    expect(long.merge).toBeUndefined();
    // Nor does a near tie with a story of one article: that is often chance.
    const single = await placeArticle(words(['jet', 'missing', 'search', 'debris']), { ...index, candidates: async () => [{ ...b, size: 1 }, a] });
    expect(single.merge).toBeUndefined();
  });

  it('groups merged stories as one in the preview, and finds the kept story by the merged one\'s terms', async () => {
    const seen: number[][] = [];
    const place: PlaceArticle = async (terms, index) => {
      seen.push((await index.candidates(Object.keys(terms))).map((c) => c.id));
      if (terms.c) return { storyId: 0, centroid: {}, lookupTerms: ['c'], merge: [1] };
      return { storyId: null, centroid: {}, lookupTerms: Object.keys(terms) };
    };
    const stories = await clusterInMemory([{ terms: { a: 1 } }, { terms: { b: 1 } }, { terms: { c: 1 } }, { terms: { b: 1 } }], place);
    expect(stories.map((s) => s.map((a) => Object.keys(a.terms)[0]))).toEqual([['a', 'b', 'c'], ['b']]);
    // The last article's word was the merged story's: it is offered the kept one.
    expect(seen.at(-1)).toEqual([0]);
  });

  it('starts a new story when nothing is similar enough, and asks more of long texts than of headlines', () => {
    expect(joinThreshold(6)).toBeLessThan(joinThreshold(200));
    const idf = idfOf({ documents: 10, frequency: () => 1 });
    const terms = clusterTerms({ title: 'Flooding closes schools', text: 'Flooding closes schools' });
    expect(chooseStory(terms, [], idf).storyId).toBeNull();
    const unrelated = { id: 7, size: 1, centroid: { earthquak: [1, 1] as [number, number], tokyo: [1, 1] as [number, number] } };
    expect(chooseStory(terms, [unrelated], idf).storyId).toBeNull();
  });
});
