// A word cut out of a page (by split, slice or a match) may share the page's memory: V8 keeps a substring of 13
// characters or more as a view of its parent, so a word kept in a long-lived memo keeps the whole page alive. After
// 400 Georgian pages of 90,000 characters the name memos held 70 MB more than their words (a review on 2026-12-07).

/** Longest word a memo keeps: longer ones are no words or names anyone looks up twice. */
export const longestMemoWord = 40;

/** The same characters in a string of their own, not a view of the text they were cut from. */
export function detached(word: string): string {
  // Concatenating makes a new string; slicing it then points into that short string, never into the page.
  return (' ' + word).slice(1);
}
