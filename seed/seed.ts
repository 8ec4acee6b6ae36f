// Loads the seed files (actors.yaml, sources.yaml, events.yaml) into the database. Everything is
// validated before anything is written, and written in one transaction; seeding twice changes
// nothing (upsert by slug). A malformed file fails with the file, record and field named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseEdtf } from '../src/dates/edtf.js';
import { eventTimeOf, legacyDate } from '../src/dates/event-time.js';
import { onRecordAt } from '../src/sources/source-order.js';
import { edtfSchema, issuePath, slugSchema, textSchema } from '../src/lib/schemas.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import {
  ActorKind, Confidence, EventKind, EventRelationKind, EventStatus, ParticipantRole, Reliability, SourceKind, Stance,
} from '../src/generated/prisma/enums.js';

export const seedDir = path.dirname(fileURLToPath(import.meta.url));

export class SeedError extends Error {}

const slug = slugSchema;
const edtf = edtfSchema;
const text = textSchema;

const actorSchema = z.strictObject({
  slug,
  name: text,
  kind: z.enum(ActorKind),
  description: text.optional(),
  aliases: z.array(text).default([]),
  externalIds: z.record(z.string(), z.string()).default({}),
  affiliations: z.array(z.strictObject({ organisation: slug, role: text, start: edtf.optional(), end: edtf.optional() })).default([]),
});

const sourceSchema = z.strictObject({
  slug,
  kind: z.enum(SourceKind),
  title: text,
  author: text.optional(),
  publisher: slug.optional(),
  published: edtf.optional(),
  retrieved: edtf.optional(),
  url: z.url().optional(),
  reliability: z.enum(Reliability).default('F'),
  basedOn: z.array(slug).default([]),
  notes: text.optional(),
});

const eventSchema = z.strictObject({
  slug,
  title: text,
  summary: text.optional(),
  kind: z.enum(EventKind),
  status: z.enum(EventStatus),
  date: edtf,
  /** Older seed files gave the end apart; it joins `date` as one EDTF interval. */
  end: edtf.optional(),
  place: text.optional(),
  tags: z.array(slug).default([]),
  participants: z.array(z.strictObject({ actor: slug, role: z.enum(ParticipantRole) })).min(1, 'an event needs at least one participant'),
  citations: z.array(z.strictObject({
    source: slug,
    stance: z.enum(Stance).default('SUPPORTS'),
    quote: text.optional(),
    attribution: text.optional(),
    confidence: z.enum(Confidence).optional(),
    note: text.optional(),
  })).min(1, 'an event needs at least one citation'),
  relations: z.array(z.strictObject({ kind: z.enum(EventRelationKind), event: slug })).default([]),
});

export interface SeedData {
  actors: z.infer<typeof actorSchema>[];
  sources: z.infer<typeof sourceSchema>[];
  events: z.infer<typeof eventSchema>[];
}

async function readRecords<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T[]> {
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
    const detail = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
    throw new SeedError(`${where}: record ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}, field ${field}: ${detail}`);
  });
}

/** Reads and validates the seed files, including every reference between them. */
export async function readSeed(dir = seedDir): Promise<SeedData> {
  const data: SeedData = {
    actors: await readRecords(dir, 'actors.yaml', actorSchema),
    sources: await readRecords(dir, 'sources.yaml', sourceSchema),
    events: await readRecords(dir, 'events.yaml', eventSchema),
  };
  function check<R extends { slug: string }>(file: string, records: R[], field: string, refs: (record: R) => string[], known: Set<string>) {
    records.forEach((record, index) => {
      for (const ref of refs(record)) {
        if (!known.has(ref)) throw new SeedError(`${path.basename(dir)}/${file}: record ${index + 1} (${record.slug}), field ${field}: unknown slug "${ref}"`);
      }
    });
  }
  const unique = (file: string, records: { slug: string }[]) => {
    const seen = new Set<string>();
    records.forEach((record, index) => {
      if (seen.has(record.slug)) throw new SeedError(`${path.basename(dir)}/${file}: record ${index + 1}, field slug: duplicate slug "${record.slug}"`);
      seen.add(record.slug);
    });
    return seen;
  };
  const actors = unique('actors.yaml', data.actors);
  const sources = unique('sources.yaml', data.sources);
  const events = unique('events.yaml', data.events);
  check('actors.yaml', data.actors, 'affiliations.organisation', (a) => a.affiliations.map((x) => x.organisation), actors);
  check('sources.yaml', data.sources, 'publisher', (s) => (s.publisher ? [s.publisher] : []), actors);
  check('sources.yaml', data.sources, 'basedOn', (s) => s.basedOn, sources);
  check('events.yaml', data.events, 'participants.actor', (e) => e.participants.map((p) => p.actor), actors);
  check('events.yaml', data.events, 'citations.source', (e) => e.citations.map((c) => c.source), sources);
  check('events.yaml', data.events, 'relations.event', (e) => e.relations.map((r) => r.event), events);
  data.events.forEach((event, index) => {
    try {
      event.date = legacyDate(event.date, event.end);
      delete event.end;
    } catch (error) {
      throw new SeedError(`${path.basename(dir)}/events.yaml: record ${index + 1} (${event.slug}), field end: ${(error as Error).message}`);
    }
  });
  return data;
}

export interface SeedCounts {
  actors: number;
  sources: number;
  events: number;
}

/** Writes validated seed data in one transaction: all of it, or nothing. */
export async function writeSeed(client: PrismaClient, data: SeedData): Promise<SeedCounts> {
  await client.$transaction(async (tx) => {
    const actorIds = new Map<string, string>();
    for (const a of data.actors) {
      const fields = { name: a.name, kind: a.kind, description: a.description ?? null, aliases: a.aliases, externalIds: a.externalIds };
      const { id } = await tx.actor.upsert({ where: { slug: a.slug }, create: { slug: a.slug, ...fields }, update: fields, select: { id: true } });
      actorIds.set(a.slug, id);
    }
    for (const a of data.actors) {
      const actorId = actorIds.get(a.slug)!;
      const kept = [];
      for (const f of a.affiliations) {
        const organisationId = actorIds.get(f.organisation)!;
        const dates = { startEdtf: f.start ? parseEdtf(f.start).edtf : null, endEdtf: f.end ? parseEdtf(f.end).edtf : null };
        const { id } = await tx.affiliation.upsert({
          where: { actorId_organisationId_role: { actorId, organisationId, role: f.role } },
          create: { actorId, organisationId, role: f.role, ...dates },
          update: dates,
          select: { id: true },
        });
        kept.push(id);
      }
      await tx.affiliation.deleteMany({ where: { actorId, id: { notIn: kept } } });
    }

    const sourceIds = new Map<string, string>();
    for (const s of data.sources) {
      const fields = {
        kind: s.kind, title: s.title, author: s.author ?? null, url: s.url ?? null, reliability: s.reliability, notes: s.notes ?? null,
        publisherId: s.publisher ? actorIds.get(s.publisher)! : null,
        publishedEdtf: s.published ? parseEdtf(s.published).edtf : null, retrievedEdtf: s.retrieved ? parseEdtf(s.retrieved).edtf : null,
        onRecordAt: onRecordAt(s.published, s.retrieved),
      };
      const { id } = await tx.source.upsert({ where: { slug: s.slug }, create: { slug: s.slug, ...fields }, update: fields, select: { id: true } });
      sourceIds.set(s.slug, id);
    }
    for (const s of data.sources) {
      await tx.source.update({ where: { slug: s.slug }, data: { basedOn: { set: s.basedOn.map((b) => ({ id: sourceIds.get(b)! })) } }, select: { id: true } });
    }

    const eventIds = new Map<string, string>();
    for (const e of data.events) {
      const fields = {
        title: e.title, summary: e.summary ?? null, kind: e.kind, status: e.status, place: e.place ?? null, tags: e.tags,
        ...eventTimeOf(e.date),
      };
      const { id } = await tx.event.upsert({ where: { slug: e.slug }, create: { slug: e.slug, ...fields }, update: fields, select: { id: true } });
      eventIds.set(e.slug, id);

      const participations = [];
      for (const p of e.participants) {
        const key = { eventId: id, actorId: actorIds.get(p.actor)!, role: p.role };
        const row = await tx.participation.upsert({ where: { eventId_actorId_role: key }, create: key, update: {}, select: { id: true } });
        participations.push(row.id);
      }
      await tx.participation.deleteMany({ where: { eventId: id, id: { notIn: participations } } });

      const citations = [];
      for (const c of e.citations) {
        const key = { eventId: id, sourceId: sourceIds.get(c.source)! };
        const fields = { stance: c.stance, quote: c.quote ?? null, attribution: c.attribution ?? null, confidence: c.confidence ?? null, note: c.note ?? null };
        const row = await tx.citation.upsert({ where: { eventId_sourceId: key }, create: { ...key, ...fields }, update: fields, select: { id: true } });
        citations.push(row.id);
      }
      await tx.citation.deleteMany({ where: { eventId: id, id: { notIn: citations } } });
    }
    for (const e of data.events) {
      const fromId = eventIds.get(e.slug)!;
      const relations = [];
      for (const r of e.relations) {
        const key = { fromId, toId: eventIds.get(r.event)!, kind: r.kind };
        const row = await tx.eventRelation.upsert({ where: { fromId_toId_kind: key }, create: key, update: {}, select: { id: true } });
        relations.push(row.id);
      }
      await tx.eventRelation.deleteMany({ where: { fromId, id: { notIn: relations } } });
    }
  }, { timeout: 120_000, maxWait: 30_000 });
  return { actors: data.actors.length, sources: data.sources.length, events: data.events.length };
}

/** Reads, validates and writes the seed. */
export async function seed(client: PrismaClient, dir = seedDir): Promise<SeedCounts> {
  return writeSeed(client, await readSeed(dir));
}

/** Seeds a database that has no events yet; returns the counts, or null when it had some. */
export async function seedIfEmpty(client: PrismaClient, dir = seedDir): Promise<SeedCounts | null> {
  if ((await client.event.count()) > 0) return null;
  return seed(client, dir);
}
