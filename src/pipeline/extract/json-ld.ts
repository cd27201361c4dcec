// schema.org metadata from `<script type="application/ld+json">`: the first Article-like object (NewsArticle,
// BlogPosting, ReportageNewsArticle…), looked for in arrays and `@graph`s, plus the publisher's name.
// Publishers ship broken JSON often enough (raw newlines in strings, trailing commas) that one repair pass is tried.

export interface JsonLdArticle {
  headline?: string | undefined;
  authors: string[];
  datePublished?: string | undefined;
  image?: string | undefined;
  publisher?: string | undefined;
  articleBody?: string | undefined;
  url?: string | undefined;
  inLanguage?: string | undefined;
  /** False when the block describes a page that is not an article (a WebSite, a CollectionPage). */
  isArticle: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const articleType =
  /^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|Review)$/;

function parseLoose(raw: string): Json | undefined {
  const text = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^[ \t]*\/\/.*$/gm, '');
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      // eslint-disable-next-line no-control-regex
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1')) as Json;
    } catch {
      return undefined;
    }
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(obj: JsonObject): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t.replace(/^https?:\/\/schema\.org\//, '')];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
  return [];
}

// Real JSON-LD nests a few levels (a graph, an article, its main entity); 50,000 nested arrays overflowed the stack.
const maxDepth = 8;

function flatten(value: Json | undefined, out: JsonObject[], depth = 0): void {
  if (depth > maxDepth) return;
  if (Array.isArray(value)) for (const item of value) flatten(item, out, depth + 1);
  else if (isObject(value)) {
    out.push(value);
    if (value['@graph']) flatten(value['@graph'], out, depth + 1);
    if (isObject(value.mainEntity)) flatten(value.mainEntity, out, depth + 1);
  }
}

function str(value: Json | undefined, depth = 0): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && depth < maxDepth) return str(value[0], depth + 1);
  return undefined;
}

function nameOf(value: Json | undefined, byId: Map<string, JsonObject>): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (isObject(value)) {
    const ref = typeof value['@id'] === 'string' ? byId.get(value['@id']) : undefined;
    return str(value.name) ?? (ref && ref !== value ? str(ref.name) : undefined);
  }
  return undefined;
}

function namesOf(value: Json | undefined, byId: Map<string, JsonObject>): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => nameOf(v, byId)).filter((n): n is string => Boolean(n));
}

function imageOf(value: Json | undefined, depth = 0): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value) && depth < maxDepth) return imageOf(value[0], depth + 1);
  if (isObject(value)) return str(value.url) ?? str(value.contentUrl);
  return undefined;
}

export function readJsonLd(blocks: string[]): JsonLdArticle | undefined {
  const objects: JsonObject[] = [];
  for (const block of blocks) flatten(parseLoose(block), objects);
  if (!objects.length) return undefined;
  const byId = new Map<string, JsonObject>();
  for (const obj of objects) if (typeof obj['@id'] === 'string') byId.set(obj['@id'], obj);

  const article = objects.find((o) => typesOf(o).some((t) => articleType.test(t)));
  const organisation = objects.find((o) => typesOf(o).some((t) => /Organization|NewsMediaOrganization|WebSite/.test(t)));
  if (!article) {
    return organisation ? { authors: [], publisher: str(organisation.name), isArticle: false } : undefined;
  }
  const mainEntity = article.mainEntityOfPage;
  return {
    headline: str(article.headline) ?? str(article.name),
    authors: namesOf(article.author ?? article.creator, byId),
    datePublished: str(article.datePublished) ?? str(article.dateCreated),
    image: imageOf(article.image) ?? imageOf(article.thumbnailUrl),
    publisher: nameOf(article.publisher, byId) ?? (organisation ? str(organisation.name) : undefined),
    articleBody: str(article.articleBody),
    url: str(article.url) ?? (isObject(mainEntity) ? str(mainEntity['@id']) : str(mainEntity)),
    inLanguage: nameOf(article.inLanguage, byId),
    isArticle: true,
  };
}
