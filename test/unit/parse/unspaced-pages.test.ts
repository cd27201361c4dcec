// Pages in scripts without spaces between words are articles like any other: a three-sentence Chinese or Thai story
// used to be refused as "no articles or feed links" because its prose looked short in characters.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/pipeline/parse/index.js';
import { baku, fetched } from './helpers.js';

const page = (lang: string, title: string, paragraphs: string[]) =>
  `<html lang="${lang}"><head><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

const pages: [string, string][] = [
  ['Chinese', page('zh', '柬埔寨指责泰国升级边境紧张局势', ['柬埔寨政府周二指责泰国在边境问题上升级紧张局势，并称新的过境限制措施不可接受。', '金边方面表示，两国外长将于下周再次会面，讨论边境口岸的开放问题。', '泰国政府尚未对此作出回应，但曼谷官员表示谈判将继续进行。'])],
  ['Thai', page('th', 'กัมพูชากล่าวหาไทยยกระดับความตึงเครียดที่ชายแดน', ['รัฐบาลกัมพูชากล่าวหาไทยเมื่อวันอังคารว่ายกระดับความตึงเครียดที่ชายแดน', 'พนมเปญระบุว่ารัฐมนตรีต่างประเทศของทั้งสองประเทศจะพบกันอีกครั้งในสัปดาห์หน้า', 'รัฐบาลไทยยังไม่ได้ตอบสนองแต่เจ้าหน้าที่ในกรุงเทพฯกล่าวว่าการเจรจาจะดำเนินต่อไป'])],
];

describe('pages without spaces between words', () => {
  it.each(pages)('reads a short %s story as an article', (_language, html) => {
    const parsed = parseSource(fetched(html, 'https://news.example/2025/07/border', 'text/html'), { dates: baku });
    expect(parsed.kind).toBe('article');
    expect(parsed.items).toHaveLength(1);
  });
});
