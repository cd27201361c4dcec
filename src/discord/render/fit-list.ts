// "As many as fit, then 'and N more'": every list Gazette puts in a field, a description or a line of links, where
// Discord refuses the whole message over the limit.
import { clip } from '../reply.js';

/** The default count of what was left out: "and 3 more". */
export function andMore(n: number): string {
  return `and ${n} more`;
}

/**
 * Items joined by `separator`, at most `max` characters in all. When they do not all fit, as many as fit followed
 * (after a separator) by `more(n)`, n the items left out, the text measured with them: the count never pushes the
 * whole past `max`. `total` counts items that exist beyond those given (a list read with a limit): those are always
 * among the n.
 */
export function fitList(items: string[], max: number, separator = '\n', more: (n: number) => string = andMore, total = items.length): string {
  return fitListCounted(items, max, separator, more, total).text;
}

/** fitList's text, and how many items it left out (the n of its "more"; 0 when every one is in the text). */
export function fitListCounted(items: string[], max: number, separator = '\n', more: (n: number) => string = andMore, total = items.length): { text: string; left: number } {
  const all = items.join(separator);
  if (total <= items.length && all.length <= max) return { text: all, left: 0 };
  // `length`: the kept items, each with the separator that follows it.
  let length = 0;
  let kept = 0;
  for (const item of items) {
    const next = length + item.length + separator.length;
    if (next + more(total - kept - 1).length > max) break;
    length = next;
    kept++;
  }
  return { text: [...items.slice(0, kept), clip(more(total - kept), max)].join(separator), left: total - kept };
}
