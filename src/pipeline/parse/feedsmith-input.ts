// feedsmith reads any parsed object with a `length` member as an array (`Array.from(value)`): an RSS item holding a
// `<length>50000000</length>` element became a 50-million-slot array, which ran the parsing worker out of heap and so
// aborted the whole process; a small number made the item vanish. No feed or OPML dialect Gazette reads has an element
// or JSON member of that name (an enclosure's length is an attribute, which feedsmith keeps apart), so it is renamed
// before feedsmith sees the document.

/** An XML document with its unprefixed `<length>` elements renamed (`<x-length>`), any case, as feedsmith folds it. */
export function withoutLengthElements(xml: string): string {
  return xml.replace(/<(\/?)length(?=[\s/>])/gi, '<$1x-length');
}

/**
 * A feed document for feedsmith: a JSON document parsed here without its `length` members (an object is what its
 * JSON reader takes), any other with its `<length>` elements renamed. JSON that does not parse goes on as text, for
 * feedsmith to say what it is.
 */
export function feedsmithInput(body: string): string | Record<string, unknown> {
  if (/^\s*\{/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body, (key, value: unknown) => (key === 'length' ? undefined : value));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all.
    }
    return body;
  }
  return withoutLengthElements(body);
}
