import { describe, expect, it } from 'vitest';
import { ConfigError, databaseTarget, describeTarget, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { DatabaseUnavailableError } from '../src/db/database-errors.js';

describe('configuration from the environment', () => {
  it('defaults to the embedded database in ./data on port 4000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4000, CHRONICLE_DATA_DIR: './data', LOG_LEVEL: 'info' });
    expect(databaseTarget(config)).toEqual({ kind: 'pglite', dataDir: './data' });
  });

  it('reads the CORS origins as * or a list', () => {
    expect(loadConfig({}).CHRONICLE_CORS_ORIGINS).toBe('*');
    expect(loadConfig({ CHRONICLE_CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CHRONICLE_CORS_ORIGINS).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and hides its password', () => {
    const target = databaseTarget(loadConfig({ DATABASE_URL: 'postgresql://u:secret@db:5432/chronicle' }));
    expect(target).toEqual({ kind: 'postgres', url: 'postgresql://u:secret@db:5432/chronicle' });
    expect(describeTarget(target)).toBe('PostgreSQL at postgresql://u:***@db:5432/chronicle');
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid PORT="abc": must be a port number.'],
    [{ PORT: '70000' }, 'Invalid PORT="70000": must be between 0 and 65535.'],
    [{ PORT: '' }, 'Invalid PORT="": must be a port number.'],
    [{ PORT: '-1' }, 'Invalid PORT="-1": must be a port number.'],
    [
      { DATABASE_URL: 'postgresql://u:s3cret@db:port/chronicle' },
      'Invalid DATABASE_URL="postgresql://u:***@db:port/chronicle": is not a URL: write postgresql://USER:PASSWORD@HOST:PORT/DATABASE, with any special character in the password percent-encoded.',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid DATABASE_URL="mysql://x": must be a postgresql:// URL, or unset to use the embedded database.'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent.'],
    [
      { CHRONICLE_CORS_ORIGINS: 'example.org' },
      'Invalid CHRONICLE_CORS_ORIGINS="example.org": must be * or origins such as https://example.org,http://localhost:5173 (scheme and host, no path).',
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('stops with one clear line when PostgreSQL cannot be reached', async () => {
    const target = databaseTarget(loadConfig({ DATABASE_URL: 'postgresql://chronicle:pw@127.0.0.1:1/none' }));
    const opening = openDatabase(target);
    await expect(opening).rejects.toThrow(DatabaseUnavailableError);
    await expect(opening).rejects.toThrow(/^Cannot reach PostgreSQL at postgresql:\/\/chronicle:\*\*\*@127\.0\.0\.1:1\/none: connect ECONNREFUSED/);
  });
});
