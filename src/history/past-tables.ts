// A list's SQL run on the events as they were at a moment of record time. The statement runs
// twice, united: on the tables as they are, for the events unchanged since (so a page still walks
// the indexes), and on the rows then of the events changed since (event-as-of.ts), which a WITH
// clause naming "Event", "Participation", "Citation" and "EventSearch" puts in the tables' place,
// so the one filter language (events/event-filter.ts) reads them unchanged, their words made as
// the search makes anyone's. Events created since are in neither.
import { z } from 'zod';
import { queryRow, queryRows } from '../db/sql.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import type { ResolvedEventFilter } from '../events/event-filter.js';
import { eventsAsOf } from './event-as-of.js';

/** Events changed since the moment a list goes back to, at most: each is read and rebuilt from its history. */
export const MAX_CHANGED_SINCE = 10_000;

const schemas = new WeakMap<PrismaClient, Promise<Prisma.Sql>>();

/** The schema the tables are in, quoted: inside the WITH clause, "Event" would name the clause itself. */
function schemaOf(db: PrismaClient): Promise<Prisma.Sql> {
  let schema = schemas.get(db);
  if (!schema) {
    schema = queryRow(db, z.object({ name: z.string() }), Prisma.sql`SELECT current_schema() AS name`).then(({ name }) =>
      Prisma.raw(`"${name.replaceAll('"', '""')}"`),
    );
    // A failed lookup is asked again next time, not remembered.
    schema.catch(() => schemas.delete(db));
    schemas.set(db, schema);
  }
  return schema;
}

/** A row for json_populate_recordset: its relations left out. */
function columns(row: Record<string, unknown>, relations: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !relations.includes(key)));
}

/** Rows as JSON, bigints (the date instants) as their digits. */
const asJson = (rows: object[]) => JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

/** How a statement over events "e" reads them as they were at a moment of record time. */
export interface PastTables {
  at: Date;
  /**
   * The statement made by `select` twice, united: on the tables as they are, `scope` keeping the
   * events unchanged since; and on the rows then of those changed since, `scope` TRUE.
   */
  both(select: (scope: Prisma.Sql) => Prisma.Sql): Prisma.Sql;
  /** The position then ("sortAt", slug) of the event with this id, as a row subquery. */
  positionOf(id: string): Prisma.Sql;
  /** Whether the event with this id has changed since: its row now is not its row then. */
  changed(id: string): boolean;
}

/** The tables as they were at `at`. */
export async function pastTables(db: PrismaClient, at: Date): Promise<PastTables> {
  const schema = await schemaOf(db);
  const changed = await queryRows(
    db,
    z.object({ id: z.string() }),
    Prisma.sql`
    SELECT DISTINCT r."recordId" AS id
      FROM "Revision" r JOIN "Change" c ON c.id = r."changeId"
     WHERE r."recordKind" = 'EVENT' AND r.action <> 'CREATED' AND c.at > ${at}
     LIMIT ${MAX_CHANGED_SINCE + 1}::int`,
  );
  if (changed.length > MAX_CHANGED_SINCE) {
    throw new InputError(
      'asOf',
      `more than ${MAX_CHANGED_SINCE.toLocaleString('en-US')} events have changed since ${at.toISOString()}: a list goes back at most that far; ask for one event with event(slug, asOf), or a later moment`,
    );
  }
  const ids = changed.map((c) => c.id);
  const rows = await db.event.findMany({ where: { id: { in: ids } }, include: { participants: true, citations: true } });
  const past = (await eventsAsOf(db, rows, { include: { participants: { include: { actor: true } }, citations: { include: { source: true } } } }, at)).filter(
    (row) => row !== null,
  );
  const pastRows = (table: string, json: string) =>
    Prisma.sql`SELECT * FROM json_populate_recordset(NULL::${schema}.${Prisma.raw(`"${table}"`)}, ${json}::json)`;
  const events = pastRows('Event', asJson(past.map((e) => columns(e, ['participants', 'citations']))));
  const participants = pastRows('Participation', asJson(past.flatMap((e) => e.participants.map((p) => columns({ ...p, id: null }, ['actor'])))));
  const citations = pastRows('Citation', asJson(past.flatMap((e) => e.citations.map((c) => columns({ ...c, id: null }, ['source'])))));
  // Neither changed since (its row then is in past_event, if it was there then) nor created since:
  // by its record (a row older than the history of its creation has no revision to say so) and by
  // its history (a record imported with an older createdAt came into this database later).
  const unchanged = Prisma.sql`e.id <> ALL(${ids}::uuid[]) AND e."createdAt" <= ${at} AND NOT EXISTS (
    SELECT 1 FROM ${schema}."Revision" f JOIN ${schema}."Change" fc ON fc.id = f."changeId"
     WHERE f."recordKind" = 'EVENT' AND f."recordId" = e.id AND f.number = 1 AND fc.at > ${at})`;
  const changedIds = new Set(ids);
  return {
    at,
    changed: (id) => changedIds.has(id),
    both: (select) => Prisma.sql`
      WITH past_event AS MATERIALIZED (${events}),
           past_participation AS MATERIALIZED (${participants}),
           past_citation AS MATERIALIZED (${citations})
      (${select(unchanged)})
      UNION ALL
      (WITH "Event" AS (SELECT * FROM past_event),
            "Participation" AS (SELECT * FROM past_participation),
            "Citation" AS (SELECT * FROM past_citation),
            -- Their words then, made as the search makes anyone's (chronicle_search_document), once
            -- per statement: a filter's EXISTS on it would otherwise make them again for each row.
            "EventSearch" AS MATERIALIZED (
              SELECT e.id AS "eventId", doc.text, tsvector_to_array(to_tsvector('english', doc.text)) AS terms
                FROM past_event e
                LEFT JOIN (SELECT c."eventId", array_agg(concat_ws(' ', c.quote, c.attribution) ORDER BY s.slug) AS said
                             FROM past_citation c JOIN ${schema}."Source" s ON s.id = c."sourceId" GROUP BY c."eventId") cited ON cited."eventId" = e.id
                LEFT JOIN (SELECT p."eventId", array_agg(p."actorId") AS actors FROM past_participation p GROUP BY p."eventId") took ON took."eventId" = e.id,
                LATERAL (SELECT chronicle_search_document(e.title, e.summary, e.place, e.translations, cited.said, took.actors) AS text) doc)
       ${select(Prisma.sql`TRUE`)})`,
    positionOf: (id) => Prisma.sql`(
      SELECT position."sortAt", position.slug FROM (
        SELECT "sortAt", slug FROM past_event WHERE id = ${id}::uuid
        UNION ALL SELECT "sortAt", slug FROM ${schema}."Event" WHERE id = ${id}::uuid AND id <> ALL(${ids}::uuid[])) position
      LIMIT 1)`,
  };
}

/** A resolved filter read on the events as they were at `at`. */
export async function pastFilter(db: PrismaClient, filter: ResolvedEventFilter, at: Date): Promise<ResolvedEventFilter> {
  return { ...filter, past: await pastTables(db, at) };
}
