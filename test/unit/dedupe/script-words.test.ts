// Clustering's words keep the vowel signs of scripts that write them as combining marks (Thai, Khmer, Burmese,
// Devanagari): only Latin, Greek and Cyrillic accents are folded away.
import { describe, expect, it } from 'vitest';
import { clusterTerms } from '../../../src/pipeline/dedupe/cluster-terms.js';
import { contentHash } from '../../../src/pipeline/dedupe/text-features.js';

const terms = (language: string, title: string, text = '') => Object.keys(clusterTerms({ language, title, text }));

describe('words of scripts with vowel signs', () => {
  it('are whole words, not fragments that unrelated stories share', () => {
    expect(terms('th', 'กัมพูชากล่าวหาไทยเรื่องความตึงเครียดชายแดน')).toEqual(expect.arrayContaining(['กัมพูชา', 'ไทย', 'ชายแดน']));
    expect(terms('km', 'កម្ពុជាចោទប្រកាន់ថៃពីភាពតានតឹងព្រំដែន')).toEqual(expect.arrayContaining(['កម្ពុជា', 'ថៃ', 'ព្រំដែន']));
    expect(terms('hi', 'भारत और चीन के बीच सीमा वार्ता')).toEqual(expect.arrayContaining(['भारत', 'चीन', 'सीमा']));
    // Two unrelated Burmese headlines (an earthquake, an election) have no word in common.
    const quake = terms('my', 'မြန်မာနိုင်ငံတွင် ငလျင်လှုပ်');
    const vote = terms('my', 'ရွေးကောက်ပွဲ ကျင်းပ');
    expect(quake.filter((t) => vote.includes(t))).toEqual([]);
  });

  it('still fold optional marks: Latin and Cyrillic accents, Arabic harakat and hamza, Hebrew niqqud', () => {
    expect(terms('fr', 'Élections en Géorgie')).toEqual(terms('fr', 'Elections en Georgie'));
    expect(terms('ru', 'Ёлка в Тбилиси')).toEqual(terms('ru', 'Елка в Тбилиси'));
    expect(terms('ar', 'أحمد يزور بغداد أيضاً')).toEqual(terms('ar', 'احمد يزور بغداد أيضا'));
    expect(terms('he', 'שָׁלוֹם יְרוּשָׁלַיִם')).toEqual(terms('he', 'שלום ירושלים'));
  });

  it('stem before folding the letters a language’s stemmer knows: one term for forms of one word', () => {
    // Russian й ends adjectives ("военный"); folded to и first, it stemmed apart from "военная".
    expect(terms('ru', 'военный конфликт')).toEqual(expect.arrayContaining(terms('ru', 'военная операция').filter((t) => t.startsWith('воен'))));
    expect(terms('ru', 'военный').filter((t) => t.startsWith('воен'))).toHaveLength(1);
    // Turkish ğ and ş are letters of its stemmer's endings: "gerginliği" and "gerginlik" are one word, "Bakanlığı" and
    // "Bakanlık" too.
    expect(terms('tr', 'gerginliği')).toEqual(terms('tr', 'gerginlik'));
    expect(terms('tr', 'Bakanlığı')).toEqual(terms('tr', 'Bakanlık'));
    // Azerbaijani is stemmed (with Turkish's stemmer), and its capital I lower-cases to ı: a headline in capitals and
    // the text in lower case share their words.
    expect(terms('az', 'Azərbaycanın')).toEqual(terms('az', 'Azərbaycanda'));
    expect(terms('az', 'BAKIDA')).toEqual(terms('az', 'Bakıda'));
  });

  it('tell two Thai texts that differ only in tone marks apart by their content hash', () => {
    // ป่า is a forest, ปา a throw.
    const a = Array.from({ length: 50 }, () => 'ป่า ไม้').join(' ');
    const b = Array.from({ length: 50 }, () => 'ปา ไม้').join(' ');
    expect(contentHash('ป่า', a)).not.toBe(contentHash('ป่า', b));
  });

  it('hash a text with its title: a blurb repeated under different headlines is not one article', () => {
    const blurb = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    expect(contentHash('Minister resigns', blurb)).not.toBe(contentHash('Floods in the north', blurb));
    expect(contentHash('Minister resigns', blurb)).toBe(contentHash('MINISTER  resigns!', `${blurb}.`));
  });
});
