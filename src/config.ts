// The one module that reads process.env. Every bad variable is reported at once, so a self-hoster fixes their
// .env in one go instead of one restart per mistake.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { validate as validCron } from 'node-cron';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));
const snowflake = optionalText.refine((v) => v === undefined || /^\d{17,20}$/.test(v), 'must be a Discord id (17–20 digits)');
const optionalInt = (min: number, max: number) => optionalText.pipe(z.coerce.number<string>().int().min(min).max(max).optional());
const shardIds = optionalText
  .refine((v) => v === undefined || /^\d+(\s*,\s*\d+)*$/.test(v), 'must be shard ids separated by commas, such as 0,1')
  .transform((v) => v?.split(',').map(Number))
  .refine((ids) => ids === undefined || new Set(ids).size === ids.length, 'must not repeat a shard id');

const postgresScheme = /^postgres(ql)?:\/\//;

type Endpoint = 'SUMMARIZER' | 'TRANSLATE';
/** An endpoint's URL set without its model: a problem of the model variable. */
const endpointNeedsModel = (name: Endpoint) => (config: Partial<Record<`${Endpoint}_${'URL' | 'MODEL'}`, string | undefined>>, ctx: z.RefinementCtx) => {
  if (config[`${name}_URL`] && !config[`${name}_MODEL`]) ctx.addIssue({ code: 'custom', path: [`${name}_MODEL`], message: `required when ${name}_URL is set` });
};
/** Whether both of an endpoint's variables parsed (the check runs beside the other variables' problems). */
const pairParsed = (name: Endpoint) => (payload: { issues: readonly { path?: readonly PropertyKey[] | undefined }[] }) =>
  !payload.issues.some((issue) => issue.path?.[0] === `${name}_URL` || issue.path?.[0] === `${name}_MODEL`);

const schema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_DEV_GUILD_ID: snowflake,
  DISCORD_API_URL: z.string().url().default('https://discord.com/api'),
  // Requests a second Discord allows the bot's token across all its processes: 50, unless Discord raised it for a
  // large bot. The REST proxy and each process pace themselves by it.
  DISCORD_GLOBAL_RATE_LIMIT: int(50, 1, 100_000),
  DATABASE_URL: optionalText
    .refine((v) => v === undefined || postgresScheme.test(v), 'must start with postgres:// or postgresql://')
    // Said here, without the value (it holds the password): the driver's "Invalid URL" names no variable.
    .refine((v) => v === undefined || !postgresScheme.test(v) || URL.canParse(v), 'is not a valid URL: percent-encode special characters in the user name and password (# as %23, / as %2F, ? as %3F, @ as %40)'),
  DATA_DIR: z.string().default('./data'),
  // Unset: the embedded database's cache follows its size on disk, 32–64 MB (src/db/embedded-cache.ts).
  DATA_CACHE_MB: optionalInt(16, 4096),
  // Article texts older than this are emptied nightly (titles, summaries, stories, votes and posts stay); 0 keeps all.
  RETENTION_DAYS: int(0, 0, 36_500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOW_PRIVATE_NETWORKS: bool,
  // Members' `/news submit` links too: off, they are read under the private-address rules even where sources are not.
  ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS: bool,
  ALLOW_FILE_SOURCES: bool,
  FETCH_TIMEOUT_MS: int(20_000, 1_000, 300_000),
  FETCH_CONNECT_TIMEOUT_MS: int(10_000, 500, 120_000),
  FETCH_MAX_BYTES: int(5 * 1024 * 1024, 64 * 1024, 100 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: int(5, 0, 20),
  FETCH_PER_HOST: int(2, 1, 16),
  SOURCE_MAX_FAILURES: int(5, 1, 100),
  // Per guild: how many sources it may follow, and how many stories a channel gets posted an hour; stories over the
  // hour's quota are not posted there (they stay searchable, and a digest lists them).
  MAX_SOURCES_PER_GUILD: int(200, 1, 100_000),
  MAX_POSTS_PER_CHANNEL_HOUR: int(30, 1, 10_000),
  // Stories are shared by servers that follow the same outlets: may one server's moderators split or merge them?
  STORY_EDITS_ACROSS_SERVERS: bool,
  DEFAULT_POLL_MINUTES: int(15, 1, 1440),
  CLUSTER_WINDOW_HOURS: int(72, 1, 720),
  POLL_CRON: z.string().default('*/30 * * * * *').refine((v) => validCron(v), 'must be a cron expression (node-cron syntax, seconds optional)'),
  DELIVERY_CLAIM_TIMEOUT_MS: int(60_000, 1_000, 3_600_000),
  // How long posting waits, before each claim, for this process's interactions to be answered (0: it never waits).
  DELIVERY_HOLD_MS: int(500, 0, 5_000),
  POLL_CLAIM_TIMEOUT_MS: int(600_000, 1_000, 86_400_000),
  SUMMARIZER_URL: optionalText.pipe(z.string().url().optional()),
  SUMMARIZER_MODEL: optionalText,
  SUMMARIZER_API_KEY: optionalText,
  SUMMARIZER_TIMEOUT_MS: int(15_000, 500, 120_000),
  // Translated summaries (`/config language`): an OpenAI-compatible base URL; unset, other languages are labelled.
  TRANSLATE_URL: optionalText.pipe(z.string().url().optional()),
  TRANSLATE_MODEL: optionalText,
  TRANSLATE_API_KEY: optionalText,
  TRANSLATE_TIMEOUT_MS: int(8_000, 500, 60_000),
  // One core stays with the bot itself (interactions, heartbeats, the database); 0 runs the pipeline inline.
  PIPELINE_WORKERS: int(Math.max(1, availableParallelism() - 1), 0, 64),
  PIPELINE_JOB_TIMEOUT_MS: int(10_000, 100, 600_000),
  PIPELINE_JOB_MEMORY_MB: int(128, 32, 4096),
  // Unset: one process runs every shard Discord recommends. Several processes split them with the same count.
  SHARD_COUNT: optionalInt(1, 65_536),
  SHARD_IDS: shardIds,
  METRICS_PORT: optionalInt(0, 65_535),
  // `npm run rest-proxy`: where the shared REST proxy listens (bots then set DISCORD_API_URL=http://host:port/api).
  REST_PROXY_PORT: int(8080, 0, 65_535),
  REST_PROXY_HOST: z.string().default('127.0.0.1'),
})
  .superRefine(
    (config, ctx) => {
      if (!config.SHARD_IDS) return;
      if (config.SHARD_COUNT === undefined) {
        ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: 'needs SHARD_COUNT, the number of shards across all processes' });
        return;
      }
      const outside = config.SHARD_IDS.filter((id) => id >= config.SHARD_COUNT!);
      if (outside.length) ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: `shard ids run from 0 to SHARD_COUNT − 1 (${config.SHARD_COUNT - 1}); ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} out of range` });
    },
    // Run beside the other variables' problems (every problem at once), once both shard variables have parsed.
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'SHARD_COUNT' || issue.path?.[0] === 'SHARD_IDS') },
  )
  // An endpoint needs its model. Checked beside the other variables' problems, not after them, so one run lists all;
  // each pair on its own (a bad SUMMARIZER_URL hid a missing TRANSLATE_MODEL until the next start).
  .superRefine(endpointNeedsModel('SUMMARIZER'), { when: pairParsed('SUMMARIZER') })
  .superRefine(endpointNeedsModel('TRANSLATE'), { when: pairParsed('TRANSLATE') });

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** The bot needs DISCORD_TOKEN; the ingest preview and the REST proxy's checks do not. */
  requireToken?: boolean;
}

const missingToken = 'DISCORD_TOKEN: is not set: create a bot at https://discord.com/developers/applications (Bot → Reset Token) and put its token in .env or the environment.';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  // `PIPELINE_WORKERS=` left in .env means "not set", the default: coerced, it would be 0 (inline), and `DATA_DIR=`
  // would be the working directory.
  const given = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value?.trim() === '' ? undefined : value]));
  const result = schema.safeParse(given);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (options.requireToken && !given.DISCORD_TOKEN) problems.push(missingToken);
  if (!result.success || problems.length) throw new ConfigError(problems);
  return result.data;
}

/**
 * Reads `.env` from the working directory into process.env when the file exists (variables already set win), so a
 * self-hoster can keep the token in a file. Only the entry points call this; tests pass their own environment.
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
