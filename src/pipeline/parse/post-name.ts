// A name for a forum post its engine gives no id (parse/html-forum.ts, and a thread read from its text:
// plain-text.ts), made from what the post says rather than its place on the page: when a post before it was deleted,
// the next new post took the deleted one's place, hence its name, and was taken as seen and never posted.
import { createHash } from 'node:crypto';

/**
 * A hash of the post's author, its date as the page states it for machines (an attribute; `undefined` when the page
 * words it for people only: "5 minutes ago" or "Today, 09:20" reads differently at every read, and would make the post
 * new each time) and its opening.
 */
export function postName(author: string | undefined, machineDate: string | undefined, text: string): string {
  const opening = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `h${createHash('sha1').update(`${author ?? ''}\n${machineDate ?? ''}\n${opening}`).digest('hex').slice(0, 12)}`;
}
