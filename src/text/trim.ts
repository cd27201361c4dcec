// Trimming runs of characters from a string's end by a loop. A regular expression anchored at the end (`/\s+$/`,
// `/[,;:]+$/`) is tried from every position of a long run that is followed by something else, which makes it
// quadratic: 100,000 spaces before a letter took seconds, on text any feed or forum post can carry.

/** `text` without the characters at its end for which `strip` holds (a character: one code point). */
export function trimEndWhere(text: string, strip: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0) {
    const low = text.charCodeAt(end - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && end >= 2 && (text.charCodeAt(end - 2) & 0xfc00) === 0xd800;
    const width = pair ? 2 : 1;
    if (!strip(text.slice(end - width, end))) break;
    end -= width;
  }
  return end === text.length ? text : text.slice(0, end);
}

/** A test for trimEndWhere: whether a character is in a class, written as a one-character regular expression. */
export function charIn(pattern: RegExp): (char: string) => boolean {
  return (char) => pattern.test(char);
}
