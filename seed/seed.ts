// Loads the seed files (actors.yaml, sources.yaml, events.yaml) into the database. Everything is
// validated before anything is written, and written in one transaction by the one record writer;
// seeding twice changes nothing, updatedAt included. A malformed file fails with the file,
// record and field named. docs/records.md describes every field.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { PROJECT_ROOT } from '../src/lib/project-root.js';
import { issueMessage, issuePath } from '../src/lib/schemas.js';
import { actorRecord, eventRecord, referenceProblems, sourceRecord, type RecordSet } from '../src/records/record-schemas.js';
import { type ChangeAuthor, writeRecords } from '../src/records/record-writer.js';
import { SeedError } from './seed-error.js';

/** The seed files: seed/ in Chronicle's folder, whether this runs from seed/ or compiled from dist/seed/. */
export const seedDir = path.join(PROJECT_ROOT, 'seed');

export type SeedData = RecordSet;

async function readRecords<T>(dir: string, file: string, schema: z.ZodType<T, unknown>): Promise<T[]> {
  const where = path.join(path.basename(dir), file);
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path.join(dir, file), 'utf8'));
  } catch (error) {
    throw new SeedError(`${where}: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new SeedError(`${where}: expected a list of records`);
  return raw.map((record, index) => {
    const result = schema.safeParse(record);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const name = (record as { slug?: unknown })?.slug;
    const field = issuePath(issue.path);
    const detail = issueMessage(issue);
    throw new SeedError(`${where}: record ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}, field ${field}: ${detail}`);
  });
}

const FILES = { actors: 'actors.yaml', sources: 'sources.yaml', events: 'events.yaml' } as const;

/** Reads and validates the seed files, including every reference between them. */
export async function readSeed(dir = seedDir): Promise<SeedData> {
  const data: SeedData = {
    actors: await readRecords(dir, FILES.actors, actorRecord),
    sources: await readRecords(dir, FILES.sources, sourceRecord),
    events: await readRecords(dir, FILES.events, eventRecord),
  };
  const [problem] = referenceProblems(data, (kind, index) => {
    const file = kind as keyof typeof FILES;
    return `${path.basename(dir)}/${FILES[file]}: record ${index + 1} (${data[file][index]!.slug})`;
  });
  if (problem) throw new SeedError(problem);
  return data;
}

export interface SeedCounts {
  actors: number;
  sources: number;
  events: number;
}

/** The seed's change, in every record's history. */
const SEEDING: ChangeAuthor = { via: 'SEED', by: 'seed', note: 'the article of 2017-06-04 (seed/)' };

/** Writes validated seed data through the one record writer, in one transaction. */
export async function writeSeed(client: PrismaClient, data: SeedData, change: ChangeAuthor = SEEDING): Promise<SeedCounts> {
  await writeRecords(client, data, { change });
  return { actors: data.actors.length, sources: data.sources.length, events: data.events.length };
}

/** Reads, validates and writes the seed. */
export async function seed(client: PrismaClient, dir = seedDir): Promise<SeedCounts> {
  return writeSeed(client, await readSeed(dir));
}

// Any constant every server agrees on: servers starting together on one empty database take turns.
const SEED_LOCK_KEY = 7_316_283_111;

/** Seeds a database that has no events yet; returns the counts, or null when it had some. */
export async function seedIfEmpty(client: PrismaClient, dir = seedDir): Promise<SeedCounts | null> {
  if ((await client.event.count()) > 0) return null;
  const data = await readSeed(dir);
  let seeded = false;
  // Looked at again under a lock held to the end of the writing transaction: of two servers that
  // both found the database empty, the second waits, then finds the first one's events.
  await writeRecords(
    client,
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;
      if ((await tx.event.count()) > 0) return { actors: [], sources: [], events: [] };
      seeded = true;
      return data;
    },
    { change: SEEDING },
  );
  return seeded ? { actors: data.actors.length, sources: data.sources.length, events: data.events.length } : null;
}
