// OPML import and export for moderators moving source lists between Gazette and feed readers.
import { generateOpml, parseOpml as parseOpmlDocument, type Opml } from 'feedsmith';
import { ParseError } from './errors.js';
import { withoutTrapElements } from './feedsmith-input.js';
import { collapseSpace } from './text.js';
import { resolveUrl } from './urls.js';

export interface OpmlSource {
  url: string;
  title?: string | undefined;
}

type Outline = Opml.Outline<string>;

/** Every feed (or linked page) in an OPML file, folders flattened, duplicates dropped, in document order. */
export function parseOpml(text: string): OpmlSource[] {
  let doc: Opml.Document<string>;
  try {
    doc = parseOpmlDocument(withoutTrapElements(text));
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new ParseError(`The OPML file could not be read: ${cause.replace(/\.$/, '')}.`);
  }
  const out: OpmlSource[] = [];
  const seen = new Set<string>();
  const visit = (outlines: Outline[] | undefined): void => {
    for (const o of outlines ?? []) {
      // A feed has xmlUrl; `type="link"` outlines point at pages (listing or forum sources) with `url`, while
      // `type="include"` points at another OPML file, which is not a source.
      const url = resolveUrl(o.xmlUrl ?? (o.type === 'include' ? undefined : o.url), undefined);
      if (url && /^https?:/i.test(url) && !seen.has(url)) {
        seen.add(url);
        out.push({ url, title: collapseSpace(o.title ?? o.text ?? '') || undefined });
      }
      visit(o.outlines);
    }
  };
  visit(doc.body?.outlines);
  if (out.length === 0 && !doc.body) throw new ParseError('The OPML file has no list of feeds.');
  return out;
}

/** An OPML 2.0 document listing the sources as feed outlines. */
export function buildOpml(sources: readonly OpmlSource[], title: string): string {
  const outlines = sources.map((s): Outline => {
    const name = s.title?.trim() || s.url;
    return { text: name, title: name, type: 'rss', xmlUrl: s.url };
  });
  return generateOpml({ head: { title, dateCreated: new Date() }, body: { outlines } });
}
