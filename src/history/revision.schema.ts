// The revision history through the API: each record's `history`, newest first, and `revisions`
// at the root for an audit of who changed what, when and why.
import { JSONResolver } from 'graphql-scalars';
import { ActorRef } from '../actors/actor.schema.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { EventRef } from '../events/event.schema.js';
import { ChangeVia, RecordKind, RevisionAction } from '../generated/prisma/enums.js';
import { Prisma } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';
import { z } from 'zod';
import { maxPageSize } from '../lib/pagination.js';
import { loader, rowsById } from '../lib/loaders.js';
import { SourceRef } from '../sources/source.schema.js';
import { PlaceRef } from '../places/place.schema.js';
import { TimelineRef } from '../timelines/timeline.schema.js';

builder.addScalarType('JSON', JSONResolver);

const ChangeViaEnum = builder.enumType(ChangeVia, {
  name: 'ChangeVia',
  description: 'How a change came: a mutation, an import, another command on the server (chronicle rename), or the seed.',
});
const RecordKindEnum = builder.enumType(RecordKind, { name: 'RecordKind' });
const RevisionActionEnum = builder.enumType(RevisionAction, { name: 'RevisionAction' });

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One field of a record before and after a change; a list (participants, citations...) is given whole on each side.',
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.before as never }),
    after: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.after as never }),
  }),
});

/** The kind of each record a revision answered, for the union to tell them apart. */
const kindOf = new WeakMap<object, RecordKind>();
const TYPE_NAME = { EVENT: 'Event', ACTOR: 'Actor', SOURCE: 'Source', PLACE: 'Place', TIMELINE: 'Timeline' } as const;

/** The record a revision is of, of whichever kind; read once per kind for a page of revisions. */
export const RecordUnion = builder.unionType('RevisedRecord', {
  types: [EventRef, ActorRef, SourceRef, PlaceRef, TimelineRef],
  resolveType: (record) => TYPE_NAME[kindOf.get(record) ?? 'EVENT'],
});

export async function recordOf(ctx: Context, kind: RecordKind, id: string): Promise<{ id: string; slug: string }> {
  const find = {
    EVENT: (ids: string[]) => ctx.db.event.findMany({ where: { id: { in: ids } } }),
    ACTOR: (ids: string[]) => ctx.db.actor.findMany({ where: { id: { in: ids } } }),
    SOURCE: (ids: string[]) => ctx.db.source.findMany({ where: { id: { in: ids } } }),
    PLACE: (ids: string[]) => ctx.db.place.findMany({ where: { id: { in: ids } } }),
    TIMELINE: (ids: string[]) => ctx.db.timeline.findMany({ where: { id: { in: ids } } }),
  }[kind] as (ids: string[]) => Promise<{ id: string; slug: string }[]>;
  const row = await rowsById(ctx, `revised ${kind}`, find).load(id);
  kindOf.set(row, kind);
  return row;
}

const CHANGE = { change: { select: { at: true, by: true, via: true, note: true } } } satisfies Prisma.RevisionSelect;

builder.prismaObject('Revision', {
  description: 'What one change did to one record: who, when, how, why, and each field before and after.',
  select: { id: true },
  fields: (t) => ({
    number: t.exposeInt('number', { description: "The record's revision this change made: 1 for its creation." }),
    action: t.expose('action', { type: RevisionActionEnum }),
    recordKind: t.expose('recordKind', { type: RecordKindEnum }),
    at: t.field({ type: 'DateTime', description: 'When Chronicle took the change (record time).', select: CHANGE, resolve: (r) => r.change.at }),
    by: t.string({ description: "The token's name, or the command that wrote.", select: CHANGE, resolve: (r) => r.change.by }),
    via: t.field({ type: ChangeViaEnum, select: CHANGE, resolve: (r) => r.change.via }),
    note: t.string({ nullable: true, description: "Why, in the author's words.", select: CHANGE, resolve: (r) => r.change.note }),
    changes: t.field({
      type: [FieldChangeRef],
      description: 'The fields changed, by name; none for a creation (its values are the next revision\'s "before", or the record\'s own).',
      select: { fields: true },
      resolve: (r) =>
        Object.entries(r.fields as Record<string, { before: unknown; after: unknown }>)
          .map(([field, { before, after }]) => ({ field, before, after }))
          .sort((a, b) => a.field.localeCompare(b.field)),
    }),
    record: t.field({
      type: RecordUnion,
      nullable: true,
      description: 'The record as it is now.',
      select: { recordKind: true, recordId: true },
      resolve: (r, _args, ctx) => recordOf(ctx, r.recordKind, r.recordId),
    }),
  }),
});

/** What plugin-prisma asks of a page of revisions: its fields, its size, and where it starts. */
interface RevisionPageQuery {
  select?: Prisma.RevisionSelect;
  include?: Prisma.RevisionInclude;
  take?: number;
  skip?: number;
  cursor?: Prisma.RevisionWhereUniqueInput;
}

type RevisionRow = Awaited<ReturnType<Context['db']['revision']['findMany']>>[number];

/**
 * The first page of history of every record of a list, in two statements whatever the list's
 * length: each record's newest revisions (numbered in a window over its own), then those with
 * what the page shows. A page after a cursor is one record's, and read alone.
 */
function firstHistoryPage(ctx: Context, kind: RecordKind, query: RevisionPageQuery) {
  const { take = maxPageSize, skip: _skip, cursor: _cursor, ...shape } = query;
  // The rows are told apart by record: its id must be selected with the rest.
  const fields = shape.select ? { select: { ...shape.select, recordId: true } } : shape;
  return loader<string, RevisionRow[]>(ctx, `history ${kind} ${JSON.stringify(query)}`, async (recordIds) => {
    const newest = await queryRows(
      ctx.db,
      z.object({ id: z.string() }),
      Prisma.sql`
      SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY "recordId" ORDER BY number DESC) AS n
          FROM "Revision" WHERE "recordKind" = ${kind}::"RecordKind" AND "recordId" = ANY(${[...recordIds]}::uuid[])
      ) ranked WHERE n <= ${take}`,
    );
    const rows = await ctx.db.revision.findMany({ ...fields, where: { id: { in: newest.map((r) => r.id) } }, orderBy: { number: 'desc' } });
    const byRecord = new Map<string, RevisionRow[]>(recordIds.map((id) => [id, []]));
    for (const row of rows as RevisionRow[]) byRecord.get(row.recordId)!.push(row);
    return recordIds.map((id) => byRecord.get(id)!);
  });
}

// `history` on each record type: its revisions, newest first.
for (const [name, kind] of [
  ['Event', 'EVENT'],
  ['Actor', 'ACTOR'],
  ['Source', 'SOURCE'],
  ['Place', 'PLACE'],
  ['Timeline', 'TIMELINE'],
] as const) {
  builder.prismaObjectField(name, 'history', (t) =>
    t.prismaConnection({
      type: 'Revision',
      cursor: 'id',
      description: 'Every change to this record, newest first.',
      maxSize: maxPageSize,
      resolve: (query, record, _args, ctx) =>
        query.cursor || (query.take ?? 0) < 0
          ? ctx.db.revision.findMany({ ...query, where: { recordKind: kind, recordId: record.id }, orderBy: { number: 'desc' } })
          : firstHistoryPage(ctx, kind, query).load(record.id),
    }),
  );
}

builder.queryFields((t) => ({
  revisions: t.prismaConnection({
    type: 'Revision',
    cursor: 'id',
    description: 'Changes to any record, newest first: an audit of who changed what, when and why.',
    maxSize: maxPageSize,
    args: {
      since: t.arg({ type: 'DateTime', description: 'Only changes Chronicle took at or after this instant.' }),
      by: t.arg.string({ description: "Only changes by this token's name (or command)." }),
      kind: t.arg({ type: RecordKindEnum, description: 'Only changes to records of this kind.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.revision.findMany({
        ...query,
        where: {
          ...(args.kind ? { recordKind: args.kind } : {}),
          ...(args.since || args.by ? { change: { ...(args.since ? { at: { gte: args.since } } : {}), ...(args.by ? { by: args.by } : {}) } } : {}),
        },
        orderBy: { id: 'desc' },
      }),
  }),
}));
