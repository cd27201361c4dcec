// `npm run ingest -- <url|path> [more…] [--json] [--limit N] [--timezone Zone] [--month-first]`
// Runs the whole pipeline on sources without storing anything and prints what would be posted.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { describeError } from '../errors.js';
import { allStories, previewSources } from '../ingest/preview.js';
import { createLogger } from '../logger.js';
import { createFetcher, createPipeline, createSummarizer, fetcherOptionsFromConfig } from '../pipeline/orchestrator.js';
import { formatPreview } from './format-preview.js';

const usage = 'Usage: npm run ingest -- <url|path> [more urls or paths] [--json] [--limit N] [--timezone Area/City] [--month-first]';

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
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn').child({ cli: 'ingest' });
  // Local paths are the point of a preview on one's own machine, so file: is allowed here whatever the bot's setting.
  const fetcher = createFetcher({ ...fetcherOptionsFromConfig(config, logger), allowFileUrls: true });
  const summarizer = createSummarizer({ url: config.SUMMARIZER_URL, model: config.SUMMARIZER_MODEL, apiKey: config.SUMMARIZER_API_KEY, timeoutMs: config.SUMMARIZER_TIMEOUT_MS, logger });
  const pipeline = createPipeline({ fetcher, summarizer, logger });
  const urls = positionals.map((p) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? p : pathToFileURL(resolve(p)).toString()));
  try {
    const previews = await previewSources(pipeline, urls, {
      limit: Number(values.limit) || 10,
      timezone: values.timezone,
      dayFirst: !values['month-first'],
    });
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `ingest failed: ${describeError(error)}`);
    process.exit(1);
  },
);
