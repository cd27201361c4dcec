import { describe, expect, it } from 'vitest';
import { splitBlocks, splitSentences } from '../../../src/pipeline/summarize/sentences.js';

describe('splitSentences', () => {
  it('splits plain English sentences', () => {
    expect(splitSentences('The vote passed. Critics objected! Will it hold? Nobody knows.')).toEqual([
      'The vote passed.',
      'Critics objected!',
      'Will it hold?',
      'Nobody knows.',
    ]);
  });

  it('keeps titles, initials and inner-period acronyms inside the sentence', () => {
    expect(splitSentences('Mr. Smith met Dr. Jones in St. Louis. George W. Bush was there too.')).toEqual([
      'Mr. Smith met Dr. Jones in St. Louis.',
      'George W. Bush was there too.',
    ]);
    expect(splitSentences('Prices rose 3.5 per cent, e.g. in Paris. They fell in Rome.')).toEqual([
      'Prices rose 3.5 per cent, e.g. in Paris.',
      'They fell in Rome.',
    ]);
  });

  it('ends a sentence at a lower-case word that is a title only when capitalised ("me", "st")', () => {
    expect(splitSentences('The minister called me. Nobody else was told.')).toEqual(['The minister called me.', 'Nobody else was told.']);
    expect(splitSentences('Han sa det. Ingen visste.')).toEqual(['Han sa det.', 'Ingen visste.']);
    expect(splitSentences('Il a appelé Me. Dupont hier. Rien ne change.')).toEqual(['Il a appelé Me. Dupont hier.', 'Rien ne change.']);
    expect(splitSentences('They met at St. Mary\'s. The 21st. Century began.')).toEqual(["They met at St. Mary's.", 'The 21st.', 'Century began.']);
  });

  it('splits after U.S. or Inc. only when an ordinary sentence start follows', () => {
    expect(splitSentences('She moved to the U.S. The move was hard.')).toEqual(['She moved to the U.S.', 'The move was hard.']);
    expect(splitSentences('The U.S. Senate voted on Tuesday.')).toEqual(['The U.S. Senate voted on Tuesday.']);
    expect(splitSentences('He sued Apple Inc. The case is open.')).toEqual(['He sued Apple Inc.', 'The case is open.']);
  });

  it('treats months and numbering abbreviations before a number as part of the sentence', () => {
    expect(splitSentences('The law takes effect Jan. 5 in all states. It was signed in No. 10 Downing Street.')).toEqual([
      'The law takes effect Jan. 5 in all states.',
      'It was signed in No. 10 Downing Street.',
    ]);
  });

  it('does not split inside decimals, URLs or before a lower-case continuation', () => {
    expect(splitSentences('Inflation hit 2.75% in 2024. See example.com/path for more.')).toEqual([
      'Inflation hit 2.75% in 2024.',
      'See example.com/path for more.',
    ]);
    expect(splitSentences('"Are you sure?" he asked. "Yes," she said.')).toEqual(['"Are you sure?" he asked.', '"Yes," she said.']);
  });

  it('keeps closing quotes with the sentence they close', () => {
    expect(splitSentences("'It is remarkable.' Scroll down. He said: “We are ready.” Then he left.")).toEqual([
      "'It is remarkable.'",
      'Scroll down.',
      'He said: “We are ready.”',
      'Then he left.',
    ]);
  });

  it('keeps German and French closing quotation marks with their sentence', () => {
    expect(splitSentences('Er sagte: „Wir sind bereit.“ Dann ging er.', 'de')).toEqual(['Er sagte: „Wir sind bereit.“', 'Dann ging er.']);
    expect(splitSentences('Il a dit : « Nous sommes prêts. » Puis il est parti.', 'fr')).toEqual([
      'Il a dit : « Nous sommes prêts. »',
      'Puis il est parti.',
    ]);
  });

  it('splits an ellipsis only before a new sentence', () => {
    expect(splitSentences('He waited... and waited. Then... Nothing happened.')).toEqual([
      'He waited... and waited.',
      'Then...',
      'Nothing happened.',
    ]);
  });

  it.each([
    'The price rose … 40 percent in a year, traders said.',
    'He said... "we will see" and left the room.',
    'The minister waited... (a long time) before answering.',
    'Il a dit… « nous verrons » demain.',
  ])('keeps a pausing ellipsis inside its sentence: %s', (text) => {
    expect(splitSentences(text)).toEqual([text]);
  });

  it('joins a hard-wrapped line ending with an ellipsis to a lower-case line after it', () => {
    expect(splitSentences('The talks had stalled...\nbut would resume in Vienna next month.')).toEqual(['The talks had stalled... but would resume in Vienna next month.']);
    expect(splitSentences('The talks had stalled...\nBut they would resume.')).toEqual(['The talks had stalled...', 'But they would resume.']);
  });

  it('ends a sentence at an ellipsis before a capital, past opening quotes, or before a script without case', () => {
    expect(splitSentences('He said... "We will see," and left.')).toEqual(['He said...', '"We will see," and left.']);
    expect(splitSentences('Il a dit… « Nous verrons » demain.', 'fr')).toEqual(['Il a dit…', '« Nous verrons » demain.']);
    expect(splitSentences('Он сказал... переговоры возобновятся. Он сказал... Переговоры возобновятся.', 'ru')).toEqual([
      'Он сказал... переговоры возобновятся.',
      'Он сказал...',
      'Переговоры возобновятся.',
    ]);
  });

  it('splits Chinese and Japanese full stops without spaces', () => {
    expect(splitSentences('今天天气很好。我们去公园吧！你想去吗？')).toEqual(['今天天气很好。', '我们去公园吧！', '你想去吗？']);
    expect(splitSentences('東京で会議が開かれた。「合意した」と述べた。')).toEqual(['東京で会議が開かれた。', '「合意した」と述べた。']);
  });

  it('splits Arabic on the Arabic question mark and the full stop', () => {
    expect(splitSentences('هل ستعقد المحادثات؟ قال المتحدث إنها ستعقد غدا. وأضاف أن الوفد وصل.')).toEqual([
      'هل ستعقد المحادثات؟',
      'قال المتحدث إنها ستعقد غدا.',
      'وأضاف أن الوفد وصل.',
    ]);
  });

  it('splits Hindi on the danda', () => {
    expect(splitSentences('सरकार ने नई नीति की घोषणा की। विपक्ष ने इसका विरोध किया।')).toEqual([
      'सरकार ने नई नीति की घोषणा की।',
      'विपक्ष ने इसका विरोध किया।',
    ]);
  });

  it('splits Georgian, whose letters Unicode counts as lower case, and keeps its one-letter abbreviations', () => {
    expect(splitSentences('საქართველოს მთავრობამ ახალი კანონი მიიღო. ოპოზიციამ კანონს მწვავედ გააკრიტიკა. შეხვედრა ქ. თბილისში 2024 წ. 5 მაისს გაიმართა.', 'ka')).toEqual([
      'საქართველოს მთავრობამ ახალი კანონი მიიღო.',
      'ოპოზიციამ კანონს მწვავედ გააკრიტიკა.',
      'შეხვედრა ქ. თბილისში 2024 წ. 5 მაისს გაიმართა.',
    ]);
    // Multi-letter abbreviations: million, "so-called".
    expect(splitSentences('ბიუჯეტი 5 მლნ. ლარით გაიზარდა. ე.წ. აგენტების კანონი მიიღეს.', 'ka')).toEqual(['ბიუჯეტი 5 მლნ. ლარით გაიზარდა.', 'ე.წ. აგენტების კანონი მიიღეს.']);
  });

  it('splits Khmer on the khan, and Chinese before a quotation that opens the next sentence', () => {
    expect(splitSentences('កម្ពុជាបានចោទប្រកាន់ថៃ។ ថៃបានបដិសេធ។', 'km')).toEqual(['កម្ពុជាបានចោទប្រកាន់ថៃ។', 'ថៃបានបដិសេធ។']);
    expect(splitSentences('中方对此表示严重关切。“我们坚决反对任何单边行动，”发言人说。会谈将于明天举行。', 'zh')).toEqual([
      '中方对此表示严重关切。',
      '“我们坚决反对任何单边行动，”发言人说。',
      '会谈将于明天举行。',
    ]);
  });

  it('splits Russian and keeps Russian initials and abbreviations', () => {
    expect(splitSentences('В. В. Путин прибыл в Баку. Встреча прошла на ул. Низами. Стороны подписали соглашение.', 'ru')).toEqual([
      'В. В. Путин прибыл в Баку.',
      'Встреча прошла на ул. Низами.',
      'Стороны подписали соглашение.',
    ]);
  });

  it('keeps German ordinal dates together when the language is German', () => {
    expect(splitSentences('Die Wahl findet am 3. Oktober statt. Die Parteien sind bereit.', 'de')).toEqual([
      'Die Wahl findet am 3. Oktober statt.',
      'Die Parteien sind bereit.',
    ]);
  });

  it('ends a sentence at every paragraph and line break, and rejoins hard-wrapped lines', () => {
    expect(splitSentences('Headline without a stop\n\nFirst paragraph here.\nSecond line, a\ncontinued sentence.')).toEqual([
      'Headline without a stop',
      'First paragraph here.',
      'Second line, a continued sentence.',
    ]);
  });

  it('returns text without punctuation as a single sentence and nothing for blank text', () => {
    expect(splitSentences('no punctuation at all in this text')).toEqual(['no punctuation at all in this text']);
    expect(splitSentences('  \n\n \t ')).toEqual([]);
  });

  it('collapses whitespace, including non-breaking spaces', () => {
    expect(splitSentences('The former\u00a0senator   spoke.  Then   left.')).toEqual(['The former senator spoke.', 'Then left.']);
  });
});

describe('splitBlocks', () => {
  it('gives lines and paragraphs as blocks, CRLF included', () => {
    expect(splitBlocks('a b.\r\nc d.\r\n\r\ne f.')).toEqual(['a b.', 'c d.', 'e f.']);
  });
});
