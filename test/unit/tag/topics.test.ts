import { describe, expect, it } from 'vitest';
import { tagArticle } from '../../../src/pipeline/tag/index.js';

const topics = (title: string, text: string) => tagArticle({ title, text }).topics;

describe('topics', () => {
  it.each([
    ['Ceasefire collapses as shelling resumes', 'Artillery shelling resumed along the front line after the ceasefire collapsed; troops exchanged fire.', 'conflict'],
    ['Opposition wins election', 'Voters turned out in large numbers and the opposition won the election; turnout was 70 pct, the electoral commission said.', 'elections'],
    ['Ministers meet for talks', 'The foreign ministers met for bilateral talks; the ambassador said diplomatic relations would be restored.', 'diplomacy'],
    ['OPEC agrees output cut', 'Oil producers agreed to cut crude output; natural gas and oil prices rose.', 'energy'],
    ['Journalists detained', 'Police detained three journalists; press freedom groups said the reporters were held for their coverage.', 'media'],
    ['Thousands protest', 'Protesters rallied in the capital and police used tear gas against the demonstrators.', 'protests'],
    ['Quake kills dozens', 'An earthquake killed dozens; rescuers searched the rubble as the death toll rose.', 'disasters'],
    ['Inflation slows', 'Inflation slowed and the central bank held interest rates, boosting the economy.', 'economy'],
  ])('%j is %s', (title, text, topic) => {
    expect(topics(title, text)[0]).toBe(topic);
  });

  it('counts a trade war for trade, not for conflict', () => {
    const result = topics('Trade war deepens', 'The trade war deepened as tariffs rose on imports; the trade war hurt exporters.');
    expect(result[0]).toBe('trade');
    expect(result).not.toContain('conflict');
  });

  it('counts tear gas for protests, not energy', () => {
    expect(topics('Police fire tear gas', 'Police fired tear gas at protesters.')).not.toContain('energy');
  });

  it('returns only the few strongest topics, not everything weakly mentioned', () => {
    const text = 'The war in the region escalated as troops advanced and shelling hit the city; the ceasefire failed and fighting spread. ' +
      'A football match was postponed. Oil was mentioned once.';
    const result = topics('Fighting escalates', text);
    expect(result[0]).toBe('conflict');
    expect(result).not.toContain('sport');
    expect(result).not.toContain('energy');
    expect(result.length).toBeLessThanOrEqual(3);
  });

  it.each([
    ['Streaming service renews drama for a second season', 'The streaming service renewed the drama for a second season. The first season drew millions of viewers, and the new season will be filmed next spring. Fans had waited months for news of the season.'],
    ['Team of scientists finds new species', 'A team of scientists found a new species of frog in the forest. The team said the species was rare.'],
    ['Harvest season begins early', 'Farmers began the harvest season early this year after a dry season.'],
  ])('needs more than one ambiguous word, however often repeated: %j is not sport', (title, text) => {
    expect(topics(title, text)).not.toContain('sport');
  });

  it.each([
    ['Vaccine trial shows promise', 'justice', 'A clinical trial of the new vaccine showed promise, researchers said. The clinical trial enrolled 3,000 patients.'],
    ['Stocks rally after earnings', 'protests', 'Shares rose on Wall Street as investors cheered strong quarterly earnings.'],
  ])('takes no word other stories use as well for a distinctive one: %j is not %s', (title, topic, text) => {
    expect(topics(title, text)).not.toContain(topic);
  });

  it('still tags a trial in court and a rally of protesters', () => {
    expect(topics('Murder trial opens', 'The trial opened in the High Court; the judge heard the defendant plead not guilty.')).toContain('justice');
    expect(topics('Thousands rally against new law', 'Protesters marched through the capital as crowds rallied outside parliament.')).toContain('protests');
  });

  it('tags a topic from two different supporting words, or from one distinctive phrase', () => {
    expect(topics('Striker scores twice', 'The striker scored twice as the team won the match. The coach praised the players.')).toContain('sport');
    expect(topics('Football final postponed', 'The final was postponed until Sunday.')).toContain('sport');
  });

  it('returns no topic for text without cues', () => {
    expect(topics('Hello', 'Nothing to see here at all.')).toEqual([]);
  });

  it('ignores "told reporters" as media news', () => {
    expect(topics('Minister speaks', 'The minister told reporters the parliament would vote on the budget bill next week.')).not.toContain('media');
  });
});
