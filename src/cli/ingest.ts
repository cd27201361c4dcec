// `npm run ingest -- <url|path|directory|-> [more…] [--json] [--limit N] [--timezone Zone] [--month-first]`
// Runs the whole pipeline on sources without storing anything and prints what would be posted. A directory stands
// for the files in it, and `-` for paths or URLs read from standard input, one a line (thousands of files exceed
// the command line's limit).
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { describeError } from '../errors.js';
import { allStories, previewSources } from '../ingest/preview.js';
import { createStderrLogger } from '../logger.js';
import { createFetcher, createPipeline, createSummarizer, fetcherOptionsFromConfig } from '../pipeline/orchestrator.js';
import { formatPreview } from './format-preview.js';

const usage = 'Usage: npm run ingest -- <url|path|directory|-> [more] [--json] [--limit N] [--timezone Area/City] [--month-first]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string', default: '10' },
      timezone: { type: 'string', default: 'UTC' },
      'month-first': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.error(usage);
    return values.help ? 0 : 1;
  }
  loadDotEnv();
  const config = loadConfig();
  // Quieter than the bot unless asked; a blank LOG_LEVEL is unset here too, as loadConfig reads it.
  const logger = createStderrLogger(process.env.LOG_LEVEL?.trim() ? config.LOG_LEVEL : 'warn').child({ cli: 'ingest' });
  // Local paths are the point of a preview on one's own machine, so file: is allowed here whatever the bot's setting.
  const fetcher = createFetcher({ ...fetcherOptionsFromConfig(config, logger), allowFileUrls: true });
  const summarizer = createSummarizer({ url: config.SUMMARIZER_URL, model: config.SUMMARIZER_MODEL, apiKey: config.SUMMARIZER_API_KEY, timeoutMs: config.SUMMARIZER_TIMEOUT_MS, logger });
  const pipeline = createPipeline({ fetcher, summarizer, logger });
  const urls = (await expandInputs(positionals)).map((p) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? p : pathToFileURL(resolve(p)).toString()));
  try {
    // Of several sources, one that cannot be read is named and left out; a single one fails the run, in its words.
    const unreadable: string[] = [];
    const previews = await previewSources(pipeline, urls, {
      limit: Number(values.limit) || 10,
      timezone: values.timezone,
      dayFirst: !values['month-first'],
      ...(urls.length > 1 && { unreadable: (url: string, reason: string) => void unreadable.push(`skipped ${url}: ${reason}`) }),
    });
    for (const line of unreadable) console.error(line);
    if (previews.length === 0 && unreadable.length) return 1;
    const stories = allStories(previews);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ stories })}\n`);
    } else {
      process.stdout.write(formatPreview(previews, stories));
    }
    for (const p of previews.flatMap((x) => x.problems)) console.error(`skipped ${p.url}: ${p.reason}`);
    return 0;
  } finally {
    await fetcher.close();
  }
}

/** URLs and paths as given, a directory as its files (sorted), `-` as the lines of standard input. */
async function expandInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) if (line.trim()) out.push(line.trim());
    } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input) && (await stat(input).catch(() => null))?.isDirectory()) {
      const names = (await readdir(input, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
      out.push(...names.map((n) => join(input, n)));
    } else out.push(input);
  }
  return out;
}

// The exit code is set, not forced: process.exit() right after a large write to a pipe cut the output short.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `ingest failed: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
