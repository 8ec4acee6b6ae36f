// A new embedded database started from a copy of an empty one, made once at install. PGlite
// creates a database with initdb, which peaks at about 800 MB of memory and takes 6 s; loading the
// copy (PGlite's `loadDataDir`) takes 380 MB and 2 s. Every test file's in-memory database starts
// this way too. Without the copy (installed with --ignore-scripts), a database is made by initdb.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PROJECT_ROOT } from '../lib/project-root.js';

/** PGlite's version: a copy is only good for the PGlite that made it. */
function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@electric-sql/pglite' && version) return version;
  }
  throw new Error(`@electric-sql/pglite's package.json is not above ${entry}`);
}

export const emptyDatabasePath = (): string => path.join(PROJECT_ROOT, 'node_modules/.cache/chronicle', `pglite-${pgliteVersion()}-empty.tar.gz`);

/** The copy to start a database from: for memory or a directory with no database yet, if one was made. */
export function emptyDatabaseFor(dataDir: string | undefined): Blob | undefined {
  if (dataDir && existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const file = emptyDatabasePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Makes the copy of an empty database (`npm install` runs this); written whole or not at all. */
export async function writeEmptyDatabase(): Promise<string> {
  const file = emptyDatabasePath();
  const pglite = await PGlite.create();
  try {
    const dump = await pglite.dumpDataDir('gzip');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.partial`, file);
  } finally {
    await pglite.close();
  }
  return file;
}
