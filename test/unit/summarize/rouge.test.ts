// The benchmark's ROUGE must equal Google's rouge_score (use_stemmer=True). Expected values are rouge_score's own
// unit-test expectations, which its authors took from manual runs of the official ROUGE-1.5.5 perl script, and
// stems produced by NLTK 3.8's PorterStemmer (the stemmer rouge_score uses) for a sample of CNN/DailyMail words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../../bench/lib/porter-stemmer.js';
import { rougeLsum, rougeScores, rougeTokenize } from '../../../bench/lib/rouge.js';
import { referenceSentences, titleFromUrl } from '../../../bench/summarization.js';

const nltk = JSON.parse(readFileSync(new URL('fixtures/nltk-porter-stems.json', import.meta.url), 'utf8')) as { stems: Record<string, string> };

describe('porterStem matches NLTK PorterStemmer (NLTK_EXTENSIONS)', () => {
  it('on the NLTK-generated sample', () => {
    const stems = Object.entries(nltk.stems);
    expect(stems.length).toBeGreaterThan(1000);
    const wrong = stems.filter(([word, stem]) => porterStem(word) !== stem).map(([word, stem]) => `${word}: ${porterStem(word)} ≠ ${stem}`);
    expect(wrong).toEqual([]);
  });

  it('on the NLTK-only rules that other Porter implementations get differently', () => {
    expect(['dying', 'lying', 'skies', 'news', 'flies', 'dies', 'spied', 'died', 'enjoy', 'generously', 'happy'].map(porterStem)).toEqual([
      'die', 'lie', 'sky', 'news', 'fli', 'die', 'spi', 'die', 'enjoy', 'gener', 'happi',
    ]);
  });
});

describe('rouge_score tokenization', () => {
  it('lower-cases, splits on non-alphanumerics and stems only tokens longer than 3 characters', () => {
    expect(rougeTokenize("The Cats' running-shoes cost £2,100 -LRB- ok -RRB-")).toEqual(['the', 'cat', 'run', 'shoe', 'cost', '2', '100', 'lrb', 'ok', 'rrb']);
    expect(rougeTokenize('Ça coûte')).toEqual(['a', 'co', 'te']);
  });
});

describe('rouge_score scores', () => {
  const close = (value: number, expected: number): void => expect(value).toBeCloseTo(expected, 5);

  it('reproduces the simple rouge_score cases', () => {
    const one = rougeScores('testing one two', 'testing');
    close(one.rouge1.precision, 1);
    close(one.rouge1.recall, 1 / 3);
    close(one.rouge1.fmeasure, 1 / 2);
    close(rougeScores('testing one two', 'testing one').rouge2.fmeasure, 2 / 3);
    expect(rougeScores('testing one two', '').rouge1.fmeasure).toBe(0);
    const lsum = rougeScores('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5').rougeLsum;
    close(lsum.recall, 0.8);
    close(lsum.precision, 0.4);
    close(lsum.fmeasure, 0.53333);
    expect(rougeScores('w1 w2 w3 w4 w5', '/').rougeLsum.fmeasure).toBe(0);
    expect(rougeLsum([['reference']], [[]]).recall).toBe(0);
  });

  it('reproduces ROUGE-1.5.5 on rouge_score test data, with stemming', () => {
    const t0 = "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L";
    const p0 = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi";
    const t1 = "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN";
    const p1 = "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD";
    const s0 = rougeScores(t0, p0);
    close(s0.rouge1.recall, 0.40741);
    close(s0.rouge1.precision, 0.6875);
    close(s0.rouge2.fmeasure, 0.39024);
    const s1 = rougeScores(t1, p1);
    close(s1.rouge1.recall, 0.42857);
    close(s1.rouge1.precision, 0.69231);
    close(s1.rouge1.fmeasure, 0.52941);
    close(s1.rouge2.recall, 0.29268);
    close(s1.rouge2.fmeasure, 0.36364);
    const targetMulti = `${t0}\n${t1}\nNhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM dv J dVN tmbOT\nvMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO 'DxqNOHBH qKtVvm OYJl mM\n`;
    const predictionMulti = `${p0}\n${p1}\nxfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\nVjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO\n`;
    const multi = rougeScores(targetMulti, predictionMulti).rougeLsum;
    close(multi.recall, 0.36538);
    close(multi.precision, 0.66667);
    close(multi.fmeasure, 0.47205);
  });
});

describe('benchmark data helpers', () => {
  it('splits tokenized CNN/DailyMail highlights into sentences', () => {
    expect(referenceSentences("Greece is due to repay £ 330million . There were concerns . Mr Brown did n't say ! Why ?")).toEqual([
      'Greece is due to repay £ 330million .',
      'There were concerns .',
      "Mr Brown did n't say !",
      'Why ?',
    ]);
  });

  it('reads the headline slug of an article URL as its title', () => {
    expect(titleFromUrl('http://www.dailymail.co.uk/news/article-3025219/Greece-denies-fail-pay-loan.html')).toBe('Greece denies fail pay loan');
    expect(titleFromUrl('http://edition.cnn.com/2015/04/29/world/space-russian-cargo-ship/index.html')).toBe('space russian cargo ship');
    expect(titleFromUrl('not a url')).toBe('');
  });
});
