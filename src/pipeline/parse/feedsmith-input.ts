// feedsmith reads any parsed object with a `length` member as an array (`Array.from(value)`): an RSS item holding a
// `<length>50000000</length>` element became a 50-million-slot array, which ran the parsing worker out of heap and so
// aborted the whole process; a small number made the item vanish. An element or member named `constructor` or
// `__proto__` made it refuse the whole feed ("Invalid feed format"). No feed or OPML dialect Gazette reads has an
// element or JSON member of these names (an enclosure's length is an attribute, which feedsmith keeps apart), so they
// are renamed before feedsmith sees the document.

const trapNames = new Set(['length', 'constructor', '__proto__', 'prototype']);

/**
 * An XML document with its unprefixed elements of those names renamed (`<x-length>`), any case, as feedsmith folds
 * it; text inside CDATA sections and comments is left as written (a code sample's `i <length`). One pass, by index.
 */
export function withoutTrapElements(xml: string): string {
  const out: string[] = [];
  let from = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) {
    const quoted = xml.startsWith('<![CDATA[', at) ? ']]>' : xml.startsWith('<!--', at) ? '-->' : undefined;
    if (quoted) {
      const end = xml.indexOf(quoted, at);
      if (end === -1) break; // unterminated: the rest is its text
      at = end;
      continue;
    }
    const name = trapElement.exec(xml.slice(at, at + 14));
    if (!name) continue;
    out.push(xml.slice(from, at), `<${name[1]}x-${name[2]}`);
    from = at + name[0].length;
  }
  out.push(xml.slice(from));
  return out.join('');
}

const trapElement = /^<(\/?)(length|constructor|__proto__|prototype)(?=[\s/>])/i;

/**
 * A feed document for feedsmith: a JSON document parsed here without members of those names (an object is what its
 * JSON reader takes), any other with its `<length>` elements renamed. JSON that does not parse goes on as text, for
 * feedsmith to say what it is.
 */
export function feedsmithInput(body: string): string | Record<string, unknown> {
  if (/^\s*\{/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body, (key, value: unknown) => (trapNames.has(key) ? undefined : value));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all.
    }
    return body;
  }
  return withoutTrapElements(body);
}
