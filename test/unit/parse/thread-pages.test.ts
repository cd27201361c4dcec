// What a forum thread page's pagination says (src/pipeline/parse/thread-pages.ts): the next page, the previous one and
// the furthest it names, in the markup of the common engines; links to other threads and other sites are not pages.
import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/pipeline/parse/html-doc.js';
import { pageKey, threadPages } from '../../../src/pipeline/parse/thread-pages.js';

const pagesOf = (url: string, body: string, head = '') => threadPages(loadHtml(`<html><head>${head}</head><body>${body}</body></html>`, url));

describe('a thread page’s pagination', () => {
  it('reads XenForo’s: the next page announced in the head, the last page the furthest number', () => {
    const url = 'https://forum.example/threads/kutaisi-bridge.123/';
    const nav = `<nav class="pageNavWrapper"><div class="pageNav"><ul class="pageNav-main">
      <li class="pageNav-page pageNav-page--current"><a href="/threads/kutaisi-bridge.123/">1</a></li>
      <li class="pageNav-page"><a href="/threads/kutaisi-bridge.123/page-2">2</a></li>
      <li class="pageNav-page"><a href="/threads/kutaisi-bridge.123/page-3">3</a></li>
      <li class="pageNav-page"><a href="/threads/kutaisi-bridge.123/page-57">57</a></li></ul>
      <a href="/threads/kutaisi-bridge.123/page-2" class="pageNav-jump pageNav-jump--next">Next</a></div></nav>
      <div class="similar"><a href="/threads/batumi-port.124/page-90">Batumi port</a></div>`;
    expect(pagesOf(url, nav, '<link rel="next" href="/threads/kutaisi-bridge.123/page-2">')).toEqual({
      next: 'https://forum.example/threads/kutaisi-bridge.123/page-2',
      last: 'https://forum.example/threads/kutaisi-bridge.123/page-57',
    });
  });

  it('reads phpBB’s offsets, without the guest’s session id', () => {
    const url = 'https://forum.example/viewtopic.php?f=2&t=77';
    const sid = 'sid=0123456789abcdef0123456789abcdef';
    const link = (start: number, text: string, cls = '') => `<li${cls}><a href="./viewtopic.php?f=2&amp;t=77&amp;${sid}&amp;start=${start}"${text === 'Next' ? ' rel="next"' : ''}>${text}</a></li>`;
    const body = `<div class="pagination">3 posts • Page <strong>1</strong> of 12<ul>
      ${link(20, '2')}${link(40, '3')}${link(220, '12')}${link(20, 'Next', ' class="arrow next"')}</ul></div>
      <a href="./viewtopic.php?f=2&amp;t=78&amp;${sid}&amp;start=20">Another topic, page 2</a>`;
    expect(pagesOf(url, body)).toEqual({
      next: 'https://forum.example/viewtopic.php?f=2&t=77&start=20',
      last: 'https://forum.example/viewtopic.php?f=2&t=77&start=220',
    });
  });

  it('reads SMF’s topic offsets and MyBB’s named last page', () => {
    const smf = `<div class="pagelinks">Pages: [<strong>1</strong>] <a class="navPages" href="index.php?topic=12.15">2</a> <a class="navPages" href="index.php?topic=12.30">3</a></div>`;
    expect(pagesOf('https://smf.example/index.php?topic=12.0', smf, '<link rel="next" href="index.php?topic=12.15">')).toEqual({
      next: 'https://smf.example/index.php?topic=12.15',
      last: 'https://smf.example/index.php?topic=12.30',
    });
    const mybb = `<div class="pagination"><span class="pages">Pages (9):</span> <span class="pagination_current">1</span>
      <a href="thread-5-page-2.html" class="pagination_page">2</a> <a href="thread-5-page-9.html" class="pagination_last">9</a>
      <a href="thread-5-page-2.html" class="pagination_next">Next »</a></div>`;
    expect(pagesOf('https://mybb.example/thread-5.html', mybb)).toEqual({ next: 'https://mybb.example/thread-5-page-2.html', last: 'https://mybb.example/thread-5-page-9.html' });
  });

  it('reads a chain of next links alone (Discourse’s crawler view), and the previous page of a last page', () => {
    expect(pagesOf('https://d.example/t/bridge/9', '<div role="navigation" class="crawler-nav"><a rel="next" href="/t/bridge/9?page=2">next page →</a></div>')).toEqual({ next: 'https://d.example/t/bridge/9?page=2' });
    expect(pagesOf('https://d.example/t/bridge/9?page=4', '', '<link rel="prev" href="/t/bridge/9?page=3">')).toEqual({ prev: 'https://d.example/t/bridge/9?page=3' });
  });

  it('takes no link to another thread for a page: SMF’s next topic, a topic listed in the pagination block', () => {
    const smf = `<div class="pagesection"><div class="nextlinks"><a href="index.php?topic=12.0;prev_next=prev#new">« previous</a>
      <a href="index.php?topic=12.0;prev_next=next#new">next »</a></div><div class="pagelinks">Pages: [<strong>1</strong>]</div></div>`;
    expect(pagesOf('https://smf.example/index.php?topic=12.0', smf)).toBeUndefined();
    const other = `<div class="pagination"><a href="viewtopic.php?t=78&amp;start=20">Next</a></div>`;
    expect(pagesOf('https://forum.example/viewtopic.php?t=77', other)).toBeUndefined();
    const elsewhere = `<div class="pageNav"><a href="/threads/batumi-port.124/page-2">Next</a></div>`;
    expect(pagesOf('https://forum.example/threads/kutaisi-bridge.123/', elsewhere)).toBeUndefined();
  });

  it('reads the pages of a thread followed on a later page, over https from an http page, without SMF’s session', () => {
    const mybb = `<div class="pagination"><a href="thread-5-page-2.html" class="pagination_previous">« Previous</a>
      <a href="https://mybb.example/thread-5-page-4.html" class="pagination_next">Next »</a></div>`;
    expect(pagesOf('http://mybb.example/thread-5-page-3.html', mybb)).toEqual({ next: 'https://mybb.example/thread-5-page-4.html', prev: 'http://mybb.example/thread-5-page-2.html' });
    const smf = '<link rel="next" href="index.php?topic=12.15;PHPSESSID=4f0c1d2e3a5b6c7d8e9f0a1b2c">';
    expect(pagesOf('https://smf.example/index.php?topic=12.0', '', smf)).toEqual({ next: 'https://smf.example/index.php?topic=12.15' });
  });

  it('tells another thread in vBulletin’s friendly addresses', () => {
    const nav = (href: string) => `<div class="pagination"><a rel="next" href="${href}">Next</a></div>`;
    const url = 'https://vb.example/showthread.php?123-kutaisi-bridge';
    expect(pagesOf(url, nav('showthread.php?123-kutaisi-bridge/page2'))).toEqual({ next: 'https://vb.example/showthread.php?123-kutaisi-bridge/page2' });
    expect(pagesOf(url, nav('showthread.php?456-batumi-port/page2'))).toBeUndefined();
  });

  it('names no page of another site, nor the page itself, and nothing for a page without pagination', () => {
    expect(pagesOf('https://forum.example/threads/a.1/', '<a rel="next" href="https://elsewhere.example/threads/a.1/page-2">Next</a>')).toBeUndefined();
    expect(pagesOf('https://forum.example/threads/a.1/', '<div class="pageNav"><a rel="next" href="/threads/a.1/#posts">Next</a></div>')).toBeUndefined();
    expect(pagesOf('https://forum.example/threads/a.1/', '<p>One page only. <a href="/threads/b.2/">Next thread</a></p>')).toBeUndefined();
  });

  it('compares pages without fragment, trailing slash or session id', () => {
    expect(pageKey('https://f.example/t/1/#post-3')).toBe(pageKey('https://f.example/t/1'));
    expect(pageKey('https://f.example/viewtopic.php?t=1&sid=0123456789abcdef0123')).toBe(pageKey('https://f.example/viewtopic.php?t=1'));
  });
});
