import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, normalizeCharset } from '../../../src/pipeline/fetch/charset.js';
import { startHttpServer } from '../../helpers/http-server.js';
import { makeFetcher, track } from './setup.js';

const RUSSIAN = 'Новости Ростова: «Ёлки» — 100 ₽';
const JAPANESE = '日本語のニュース：東京で会議';
const RUSSIAN_PROSE = 'Новости Ростова: в пятницу губернатор области провёл совещание с главами районов. Речь шла о подготовке к отопительному сезону.';
const UKRAINIAN = 'Київська міська рада в четвер ухвалила програму ремонту Подільського мосту. Роботи почнуться навесні, а їхня вартість, за словами депутатів, становить понад два мільярди гривень. Ґрунтові дороги на лівому березі також відремонтують, якщо в бюджеті є кошти.';

/** Serves `body` with `contentType` (no header at all when undefined) and fetches it. */
async function serveAndFetch(body: Buffer, contentType?: string) {
  const server = track(
    await startHttpServer((_req, res) => {
      if (contentType) res.setHeader('content-type', contentType);
      res.end(body);
    }),
  );
  return makeFetcher()(server.url);
}

describe('charset over HTTP', () => {
  it('uses the Content-Type charset (windows-1251)', async () => {
    const html = `<html><body><p>${RUSSIAN.replace('₽', 'руб.')}</p></body></html>`;
    const result = await serveAndFetch(iconv.encode(html, 'windows-1251'), 'text/html; charset=windows-1251');
    expect(result.body).toBe(html);
  });

  it('decodes shift_jis named in the header', async () => {
    const html = `<p>${JAPANESE}</p>`;
    const result = await serveAndFetch(iconv.encode(html, 'shift_jis'), 'text/html; charset="Shift_JIS"');
    expect(result.body).toBe(html);
  });

  it('uses a BOM when the header has no charset', async () => {
    const result = await serveAndFetch(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]), 'text/plain');
    expect(result.body).toBe(RUSSIAN);
  });

  it('uses <meta charset> when the header has none', async () => {
    const html = `<!doctype html><html><head><meta charset="windows-1251"><title>${RUSSIAN.replace('₽', 'р.')}</title></head></html>`;
    const result = await serveAndFetch(iconv.encode(html, 'windows-1251'), 'text/html');
    expect(result.body).toBe(html);
  });

  it('uses the XML declaration of a feed', async () => {
    const xml = `<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>Новости Ростова</title></channel></rss>`;
    const result = await serveAndFetch(iconv.encode(xml, 'koi8-r'), 'application/rss+xml');
    expect(result.body).toBe(xml);
    expect(result.contentType).toBe('application/rss+xml');
  });

  it('reads an undeclared Ukrainian page in KOI8-U, where KOI8-R has box-drawing characters, and Russian in KOI8-R as before', async () => {
    // і ї є ґ sit in KOI8-U where KOI8-R draws boxes: read as KOI8-R, "Києві" came out as "Ки╓в╕".
    const ukrainian = `<html><head><title>Новини</title></head><body><h1>У Києві відремонтують міст</h1><p>${UKRAINIAN}</p></body></html>`;
    const uk = await serveAndFetch(iconv.encode(ukrainian, 'koi8-u'), 'text/html');
    expect(uk.body).toBe(ukrainian);
    const russian = `<html><head><title>Новости</title></head><body><p>${RUSSIAN_PROSE}</p></body></html>`;
    expect((await serveAndFetch(iconv.encode(russian, 'koi8-r'), 'text/html')).body).toBe(russian);
  });

  it('sniffs a missing content type from the document', async () => {
    const xml = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>';
    expect((await serveAndFetch(Buffer.from(xml))).contentType).toBe('application/atom+xml');
    expect((await serveAndFetch(Buffer.from('<!DOCTYPE html><html></html>'), 'application/octet-stream')).contentType).toBe('text/html');
  });

  it('falls back sensibly on an unknown label', async () => {
    const result = await serveAndFetch(Buffer.from(RUSSIAN), 'text/plain; charset=x-no-such-charset');
    expect(result.body).toBe(RUSSIAN);
  });
});

describe('decodeText', () => {
  it('decodes the common legacy encodings', () => {
    const cases: Array<[string, string, string]> = [
      ['koi8-r', 'Привет, мир', 'KOI8-R'],
      ['iso-8859-2', 'Zażółć gęślą jaźń', 'ISO-8859-2'],
      ['iso-8859-5', 'Привет', 'iso-8859-5'],
      ['euc-kr', '서울 뉴스', 'EUC-KR'],
      ['gb18030', '北京新闻', 'gb18030'],
      ['gbk', '北京新闻', 'GB2312'],
      ['big5', '臺北新聞', 'Big5'],
      ['euc-jp', JAPANESE, 'EUC-JP'],
      ['windows-1254', 'İstanbul haberleri', 'ISO-8859-9'],
    ];
    for (const [encoding, text, label] of cases) {
      expect(decodeText(iconv.encode(text, encoding), label).text, label).toBe(text);
    }
  });

  it('reads iso-8859-1 labels as windows-1252, as browsers do', () => {
    const bytes = Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]); // “café” in cp1252
    expect(decodeText(bytes, 'ISO-8859-1').text).toBe('“café”');
  });

  it('prefers a BOM over a contradicting header', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]);
    expect(decodeText(bytes, 'windows-1251')).toMatchObject({ text: RUSSIAN, source: 'bom' });
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JAPANESE, 'utf16le')]);
    expect(decodeText(le).text).toBe(JAPANESE);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).text).toBe(JAPANESE);
  });

  it('reads <meta http-equiv="Content-Type"> and ignores a meta inside a comment', () => {
    const html = '<html><head><!-- <meta charset="iso-8859-5"> --><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>Привет</body></html>';
    expect(decodeText(iconv.encode(html, 'koi8-r'))).toMatchObject({ text: html, charset: 'koi8-r', source: 'meta' });
  });

  it('finds an XML declaration after leading junk such as a PHP warning', () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title></channel></rss>';
    const warning = '<br />\n<b>Warning</b>: session_start(): headers already sent in /var/www/feed.php on line 3<br />\n';
    expect(decodeText(iconv.encode(warning + xml, 'windows-1251'))).toMatchObject({ text: warning + xml, charset: 'windows-1251', source: 'xml-declaration' });
  });

  it('takes the first declaration in the document: a page\'s meta, not an inline SVG\'s XML declaration', () => {
    const html = '<html><head><meta charset="koi8-r"></head><body><p>Привет</p><?xml version="1.0" encoding="iso-8859-1"?><svg></svg></body></html>';
    expect(decodeText(iconv.encode(html, 'koi8-r'))).toMatchObject({ text: html, charset: 'koi8-r', source: 'meta' });
  });

  it('ignores an XML declaration inside a page\'s markup: a script\'s string before the meta, an inline SVG', () => {
    const scripted = '<html><head><script>var logo = \'<?xml version="1.0" encoding="UTF-8"?><svg/>\';</script><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>Новости дня</p></body></html>';
    expect(decodeText(iconv.encode(scripted, 'windows-1251'))).toMatchObject({ text: scripted, charset: 'windows-1251', source: 'meta' });
    const undeclared = '<html><head><title>x</title></head><body><svg><?xml version="1.0" encoding="utf-8"?></svg><p>Новости Ростова: в пятницу губернатор области провёл совещание с главами районов.</p></body></html>';
    expect(decodeText(iconv.encode(undeclared, 'windows-1251'))).toMatchObject({ text: undeclared, charset: 'windows-1251', source: 'default' });
  });

  it('treats a meta claiming UTF-16 in an ASCII-readable page as UTF-8', () => {
    const html = '<meta charset="utf-16"><p>Ёж</p>';
    expect(decodeText(Buffer.from(html)).text).toBe(html);
  });

  it('trusts valid UTF-8 over a stale legacy label', () => {
    expect(decodeText(Buffer.from(RUSSIAN), 'iso-8859-1')).toMatchObject({ text: RUSSIAN, source: 'utf8-override' });
    expect(decodeText(Buffer.from(RUSSIAN), 'windows-1251')).toMatchObject({ text: RUSSIAN, source: 'utf8-override' });
  });

  it('reads the document’s own code page where the header names UTF-8 for bytes that are not, or a server’s default', () => {
    const feed = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${RUSSIAN_PROSE}</title></channel></rss>`;
    const bytes = iconv.encode(feed, 'windows-1251');
    expect(decodeText(bytes, 'utf-8')).toMatchObject({ text: feed, charset: 'windows-1251' });
    expect(decodeText(bytes, 'ISO-8859-1')).toMatchObject({ text: feed, charset: 'windows-1251' });
    // Undeclared, the words decide; a header naming the document's own page is read as before.
    expect(decodeText(iconv.encode(`<p>${RUSSIAN_PROSE}</p>`, 'windows-1251'), 'utf-8')).toMatchObject({ charset: 'windows-1251' });
    expect(decodeText(bytes, 'windows-1251')).toMatchObject({ text: feed, source: 'header' });
  });

  it('uses the next signal when the header label is unknown', () => {
    const html = '<meta charset="windows-1251"><p>Привет</p>';
    expect(decodeText(iconv.encode(html, 'windows-1251'), 'bogus-8')).toMatchObject({ text: html, source: 'meta' });
  });

  it('defaults to UTF-8, and to windows-1252 for bytes that cannot be UTF-8', () => {
    expect(decodeText(Buffer.from('{"title":"Ёж"}'))).toMatchObject({ text: '{"title":"Ёж"}', charset: 'utf-8', source: 'default' });
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toMatchObject({ text: 'café', charset: 'windows-1252' });
  });

  it('tells an undeclared legacy page\'s code page by its words: Cyrillic, Greek, Arabic, Turkish, else windows-1252', () => {
    const page = (text: string) => `<html><head><title>x</title><script>var n = 1;</script></head><body><p>${text}</p></body></html>`;
    const cases: Array<[string, string]> = [
      ['windows-1251', RUSSIAN_PROSE],
      ['koi8-r', RUSSIAN_PROSE],
      // All in capitals: windows-1251's capitals are koi8-r's lower case (they were read as koi8-r, and koi8-r's as Greek).
      ['windows-1251', RUSSIAN_PROSE.toUpperCase()],
      ['windows-1251', 'ГУБЕРНАТОР ОБЛАСТИ ПРОВЁЛ СОВЕЩАНИЕ'],
      ['koi8-r', RUSSIAN_PROSE.toUpperCase()],
      ['koi8-r', RUSSIAN_PROSE.toLowerCase()],
      ['windows-1251', 'У Києві відбулася зустріч представників міської влади з мешканцями району. Обговорювали ремонт доріг і нову школу.'],
      ['koi8-u', 'У Києві відбулася зустріч представників міської влади з мешканцями району. Обговорювали ремонт доріг і нову школу.'],
      ['windows-1252', 'Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites. « C’est une étape décisive », a-t-il déclaré à l’Assemblée.'],
      ['windows-1252', 'Die Bundesregierung hat am Mittwoch beschlossen, dass Bürger in größeren Städten künftig weniger zahlen. Kritik kam von den Ländern.'],
      ['windows-1252', 'O governo disse que é muito cedo para saber. É uma questão de tempo, e a população já está à espera.'],
      ['windows-1254', 'İstanbul Büyükşehir Belediyesi, toplu taşıma ücretlerine yüzde on beş zam yapılacağını açıkladı.'],
      ['windows-1253', 'Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών απέναντι στην ακρίβεια.'],
      ['windows-1256', 'أعلنت الحكومة اليوم عن حزمة جديدة من الإجراءات لدعم الأسر في مواجهة ارتفاع الأسعار.'],
    ];
    for (const [encoding, text] of cases) {
      expect(decodeText(iconv.encode(page(text), encoding)), `${encoding}: ${text.slice(0, 20)}`).toMatchObject({ text: page(text), charset: encoding, source: 'default' });
    }
    // Too little to tell: a lone accented letter, punctuation.
    expect(decodeText(Buffer.from([0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94]))).toMatchObject({ text: 'é “ok”', charset: 'windows-1252' });
  });

  it('normalizes labels', () => {
    expect(normalizeCharset(' "UTF8" ')).toBe('utf-8');
    expect(normalizeCharset('Windows-1251')).toBe('windows-1251');
    expect(normalizeCharset('x-sjis')).toBe('cp932');
    expect(normalizeCharset('nonsense')).toBeNull();
    expect(normalizeCharset('')).toBeNull();
    // Codecs iconv-lite has that are no page's text: a browser ignores such a label, and they made a page its digits.
    for (const label of ['hex', 'base64', 'binary', 'UTF-7', 'ucs2', 'utf32', 'cesu8']) expect(normalizeCharset(label), label).toBeNull();
    // Browsers' names for UTF-16 stay it.
    for (const label of ['ucs-2', 'iso-10646-ucs-2', 'csUnicode']) expect(normalizeCharset(label), label).toBe('utf-16le');
    expect(decodeText(Buffer.from('<meta charset="hex"><p>Hello</p>'))).toMatchObject({ text: '<meta charset="hex"><p>Hello</p>' });
  });
});
