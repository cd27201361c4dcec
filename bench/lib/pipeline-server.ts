// The benchmark's news sites, in their own process so that serving pages does not count against the pipeline's
// CPU time and memory. Prints its origin on the first line of stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleHtml, buildCorpus, feedXml } from './pipeline-corpus.js';

const [dataDir = '', feedsArg = '24', perFeedArg = '50'] = process.argv.slice(2);
const feeds = Number(feedsArg);
const corpus = buildCorpus(dataDir, feeds, Number(perFeedArg));
const bySlug = new Map(corpus.map((a) => [a.slug, a]));
const feedBodies = new Map<number, string>();
const server = createServer((req, res) => {
  const path = req.url ?? '/';
  const feed = /^\/feed-(\d+)\.xml$/.exec(path);
  if (feed) {
    const n = Number(feed[1]);
    if (!feedBodies.has(n)) feedBodies.set(n, feedXml(corpus.filter((a) => a.feed === n), origin, `Site ${n}`));
    res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
    return res.end(feedBodies.get(n));
  }
  const article = path.startsWith('/article/') ? bySlug.get(path.slice(9)) : undefined;
  if (!article) return res.writeHead(404).end();
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(articleHtml(article, `Site ${article.feed}`));
});
let origin = '';
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`${origin} ${corpus.length}\n`);
});
