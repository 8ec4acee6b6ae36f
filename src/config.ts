// Configuration comes from the environment only, validated once at start-up so a typo stops the
// process with one line that says which variable is wrong and how to fix it.
import { z } from 'zod';
import { DEFAULT_EXPORT_LIMITS } from './exports/running-exports.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL, or unset to use the embedded database')
    .refine(
      (value) => URL.canParse(value),
      'is not a URL: write postgresql://USER:PASSWORD@HOST:PORT/DATABASE, with any special character in the password percent-encoded',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CHRONICLE_DATA_DIR: z.string().trim().min(1).default('./data'),
  // Digits only: an empty PORT would otherwise read as 0, a random port no client can find.
  PORT: z.string().trim().regex(/^\d+$/, 'must be a port number').default('4000').transform(Number).pipe(z.number().max(65535, 'must be between 0 and 65535')),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  CHRONICLE_ADMIN_TOKEN: z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters (e.g. openssl rand -base64 24)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // Whether anonymous requests may read the timeline (GraphQL and exports); writing always needs a token.
  CHRONICLE_PUBLIC_READ: z
    .enum(['true', 'false'], { error: 'must be true (anyone may read) or false (reading needs a token)' })
    .default('true')
    .transform((value) => value === 'true'),
  // Whether the API runs only the web explorer's persisted operations (src/explorer/persisted-operations.ts).
  CHRONICLE_PERSISTED_ONLY: z
    .enum(['true', 'false'], { error: 'must be true (only the web explorer’s operations) or false (any operation)' })
    .default('false')
    .transform((value) => value === 'true'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  // Which web pages may call the API from a browser: * (any, as a public read API; never with
  // credentials), or origins separated by commas.
  CHRONICLE_CORS_ORIGINS: z
    .string()
    .trim()
    .default('*')
    .transform((value) =>
      value === '*'
        ? ('*' as const)
        : value
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    )
    .refine(
      (value) => value === '*' || value.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)),
      'must be * or origins such as https://example.org,http://localhost:5173 (scheme and host, no path)',
    ),
  // The response cache of anonymous GraphQL reads: seconds an answer is kept (0 turns it off), and
  // a Redis server to share it between instances (in memory without one).
  CHRONICLE_RESPONSE_CACHE_TTL: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 (off) or more seconds')
    .default(600),
  // Exports streaming at once, in all and to one client address: a download past either is
  // answered 429, so that exports cannot starve the pages.
  CHRONICLE_EXPORTS_MAX: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(DEFAULT_EXPORT_LIMITS.total),
  CHRONICLE_EXPORTS_PER_CLIENT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(DEFAULT_EXPORT_LIMITS.perClient),
  // The memory an import from the command line may hold (its worker's JavaScript heap, in MB):
  // garbage is collected rather than kept, so a file of any size imports in bounded memory.
  CHRONICLE_IMPORT_MEMORY_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(64, 'must be at least 64 (megabytes)')
    .default(256),
  // How long an import from the command line may run, in minutes: it is one transaction, rolled
  // back whole past this. A million events take about 7 minutes into PostgreSQL and 15 to 30 into
  // the embedded database, longer on a busy machine.
  CHRONICLE_IMPORT_TIMEOUT_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).positive('must be more than 0 (minutes)').default(240),
  // Where `chronicle import --wikidata QID` asks for an item's events (the network, on demand only).
  CHRONICLE_WIKIDATA_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL of a SPARQL endpoint' })
    .default('https://query.wikidata.org/sparql'),
  // Requests a minute, per anonymous client address and per token; past them, 429 with Retry-After.
  // 0 turns a limit off.
  CHRONICLE_RATE_LIMIT_ANONYMOUS: z.coerce
    .number({ error: 'must be a number of requests a minute' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(600),
  CHRONICLE_RATE_LIMIT_TOKEN: z.coerce
    .number({ error: 'must be a number of requests a minute' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(3000),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL, or unset to keep the cache in memory')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export type Config = z.infer<typeof envSchema>;

/** Where the data lives: an embedded PGlite directory (or memory), or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'pglite'; dataDir: string | undefined } | { kind: 'postgres'; url: string };

export class ConfigError extends Error {}

/** A URL's password hidden, for messages: scheme://user:***@host (even where the URL does not parse). */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][\w+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(withoutPassword(env[name] ?? ''))}: ${issue.message}.`);
  }
  return result.data;
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: config.CHRONICLE_DATA_DIR };
}

/** Describes a target without its password, for logs and error messages. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return target.dataDir ? `embedded database in ${target.dataDir}` : 'in-memory embedded database';
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
