// Two events with the same two people, for clustering across languages (ADR 5): the Trump–Putin summit in Alaska,
// as a Russian and a Thai outlet would report it, and, two months later, their phone call about meeting in Budapest,
// in English. Both name each man in full (a given name and a surname) and share no number: two people, not an event.
// Both name Ukraine too, a name key like a person's (Украине, Ukraine: `~krn`) but no person (country-name-keys.ts).

/** The phone call about a summit in Budapest, in English. */
export const budapestCallInEnglish = {
  title: 'Trump says he will meet Putin in Budapest after their phone call',
  text:
    'U.S. President Donald Trump said on Thursday that he and Vladimir Putin had agreed to meet in Budapest to discuss an end ' +
    'to the war in Ukraine, after a phone call he described as productive. Advisers of both sides will meet next week to ' +
    'prepare the summit, said Trump, who added that Putin had asked him about his plans.',
  language: 'en',
};

/** The summit in Alaska, in Russian: Дональд Трамп, Владимир Путин. */
export const alaskaSummitInRussian = {
  title: 'Путин и Трамп провели переговоры на Аляске',
  text:
    'Президент России Владимир Путин и президент США Дональд Трамп провели переговоры на военной базе в Анкоридже на Аляске. ' +
    'Встреча продолжалась почти три часа. После переговоров Путин заявил, что стороны достигли понимания по ключевым вопросам, ' +
    'а Трамп назвал встречу очень продуктивной, хотя соглашения пока нет. Урегулирование на Украине обсуждали отдельно.',
  language: 'ru',
};

/**
 * The summit in Alaska, in Thai: names after their titles, the given name and surname apart (นายโดนัลด์ ทรัมป์).
 * (ยูเครน, Ukraine, is a word of the Thai dictionary: no name even after an office, ประธานาธิบดียูเครน.)
 */
export const alaskaSummitInThai = {
  title: 'ทรัมป์-ปูตินหารือที่อะแลสกา ยังไม่มีข้อตกลงยุติสงครามยูเครน',
  text:
    'นายโดนัลด์ ทรัมป์ ประธานาธิบดีสหรัฐ และนายวลาดิมีร์ ปูติน ประธานาธิบดีรัสเซีย หารือกันที่ฐานทัพในเมืองแองเคอเรจ รัฐอะแลสกา ' +
    'เป็นเวลาเกือบสามชั่วโมง นายปูติน กล่าวว่าทั้งสองฝ่ายเข้าใจกันในเรื่องยูเครน ' +
    'ขณะที่นายทรัมป์ ระบุว่าการหารือเป็นไปด้วยดี แต่ยังไม่มีข้อตกลง',
  language: 'th',
};

/** The phone call, in Russian: the same two people and Budapest, a third name the Alaska reports do not have, and Ukraine. */
export const budapestCallInRussian = {
  title: 'Путин и Трамп договорились о встрече в Будапеште',
  text:
    'Президент России Владимир Путин и президент США Дональд Трамп провели телефонный разговор и договорились встретиться в Будапеште, ' +
    'чтобы обсудить окончание войны на Украине. ' +
    'По словам Трампа, разговор был продуктивным, а советники сторон встретятся на следующей неделе, чтобы подготовить саммит. ' +
    'Путин, как сообщили в Кремле, поздравил Трампа с перемирием в секторе Газа.',
  language: 'ru',
};
