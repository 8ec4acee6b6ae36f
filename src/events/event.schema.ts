import { builder } from '../builder.js';
import { DateValueRef } from '../dates/date-value.schema.js';
import { parseEdtf } from '../dates/edtf.js';
import { db } from '../db/client.js';
import { maxPageSize } from '../lib/pagination.js';
import { EventKindEnum, EventStatusEnum, ParticipantRoleEnum } from './event-enums.schema.js';
import { eventOrderBy } from './event-filter.js';
import { EventFilterInput, EventOrderEnum, filterWhere } from './event-filter.schema.js';

builder.prismaNode('Event', {
  id: { field: 'id' },
  description: 'Something that happened, with honest dates, the actors in it and the sources that report it.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    summary: t.exposeString('summary', { nullable: true }),
    kind: t.expose('kind', { type: EventKindEnum }),
    status: t.expose('status', { type: EventStatusEnum }),
    place: t.exposeString('place', { nullable: true }),
    tags: t.exposeStringList('tags'),
    date: t.field({
      type: DateValueRef,
      description: 'When it happened (or began).',
      select: { startEdtf: true },
      resolve: (event) => parseEdtf(event.startEdtf),
    }),
    endDate: t.field({
      type: DateValueRef,
      nullable: true,
      description: 'When it ended, for events that lasted.',
      select: { endEdtf: true },
      resolve: (event) => (event.endEdtf ? parseEdtf(event.endEdtf) : null),
    }),
    participants: t.relation('participants', {
      query: { orderBy: [{ role: 'asc' }, { actor: { name: 'asc' } }] },
    }),
    citations: t.relation('citations', {
      description: 'What each source says about this event, supporting or disputing, oldest source first.',
      query: { orderBy: [{ source: { publishedLatest: { sort: 'asc', nulls: 'last' } } }, { source: { slug: 'asc' } }] },
    }),
    disputed: t.boolean({
      description: 'True when at least one cited source disputes the event.',
      select: { _count: { select: { citations: { where: { stance: 'DISPUTES' } } } } },
      resolve: (event) => event._count.citations > 0,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When this record was created (record time, not event time).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When this record last changed.' }),
  }),
});

builder.prismaObject('Participation', {
  description: 'An actor taking part in an event, in a role.',
  fields: (t) => ({
    role: t.expose('role', { type: ParticipantRoleEnum }),
    actor: t.relation('actor'),
    event: t.relation('event'),
  }),
});

builder.queryFields((t) => ({
  event: t.prismaField({
    type: 'Event',
    nullable: true,
    description: 'One event by its slug, or null.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, { slug }) => db.event.findUnique({ ...query, where: { slug } }),
  }),
  events: t.prismaConnection({
    type: 'Event',
    cursor: 'id',
    description: 'Events matching a filter, chronological by default. Pages hold 20 events by default and at most 100.',
    maxSize: maxPageSize,
    args: {
      filter: t.arg({ type: EventFilterInput }),
      orderBy: t.arg({ type: EventOrderEnum, defaultValue: 'CHRONOLOGICAL' }),
    },
    resolve: async (query, _root, args, ctx) =>
      db.event.findMany({ ...query, where: await filterWhere(ctx, args.filter), orderBy: eventOrderBy(args.orderBy ?? undefined) }),
    totalCount: async (_root, args, ctx) => db.event.count({ where: await filterWhere(ctx, args.filter) }),
  }, { description: 'A page of events.' }),
}));
