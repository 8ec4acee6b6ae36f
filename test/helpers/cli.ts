// `chronicle ...` in a child process on an embedded data directory, as a user runs it.
import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when killAfterMs ran out first and the process was killed. */
  killed: boolean;
}

export interface CliOptions {
  killAfterMs?: number;
  /** Stop reading standard output after this many bytes, as `| head -c` does. */
  closeStdoutAfterBytes?: number;
  env?: NodeJS.ProcessEnv;
}

export function chronicle(dataDir: string, args: string[], options: CliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, CHRONICLE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'bin/chronicle.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c;
    if (options.closeStdoutAfterBytes !== undefined && stdout.length >= options.closeStdoutAfterBytes) child.stdout.destroy();
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  let killed = false;
  const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => (killed = child.kill('SIGKILL')), options.killAfterMs);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    }),
  );
}

/** `count` events in NDJSON, slugs `${prefix}-0`...: one import, so one transaction. */
export function eventBatch(prefix: string, count: number): string {
  return `${Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      slug: `${prefix}-${i}`,
      title: `Event ${prefix} ${i}`,
      kind: 'STATEMENT',
      status: 'REPORTED',
      date: '2016-01-01',
      participants: [{ role: 'SPEAKER', actor: { slug: `speaker-${i % 7}`, name: `Speaker ${i % 7}`, kind: 'PERSON' } }],
    }),
  ).join('\n')}\n`;
}

/**
 * A migrated, empty data directory to copy: creating one costs a PGlite initdb (seconds on a busy
 * machine), copying it a few milliseconds. Call once per test file, in beforeAll.
 */
export async function migratedTemplate(dir: string): Promise<(name: string) => Promise<string>> {
  const template = path.join(dir, 'template');
  const database = await openDatabase({ kind: 'pglite', dataDir: template }, { migrate: true, command: 'test' });
  await database.close();
  return async (name) => {
    const copy = path.join(dir, name);
    await cp(template, copy, { recursive: true });
    return copy;
  };
}
