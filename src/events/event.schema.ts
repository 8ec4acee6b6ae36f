import { builder } from '../builder.js';
import { htmlOfText } from '../lib/rich-text.js';
import type { Translations } from './translations.js';
import { LANG, MULTILINGUAL, readEvent, TranslationRef } from './translations.schema.js';

import type { Context } from '../context.js';
import { DateValueRef, endPart } from '../dates/date-value.schema.js';
import { parseEdtf } from '../dates/edtf.js';
import { findBySlug } from '../records/slug-redirects.js';
import { CITATION_ORDER } from '../sources/source-order.js';
import { maxPageSize } from '../lib/pagination.js';
import { sourceOnRecordBy } from '../sources/source-loaders.js';
import { CitationRef, StanceEnum } from '../sources/source.schema.js';
import { EventStatusEnum } from './event-enums.schema.js';
import { EventKindEnum, ParticipantRoleEnum } from '../vocabulary/term.schema.js';
import { enumValueOf } from '../vocabulary/terms.js';
import { EventFilterInput, EventOrderEnum, resolveFilter } from './event-filter.schema.js';
import { plainDateArg } from './event-filter.js';
import { listEvents } from './event-listing.js';
import { countOnce, eventCountFields } from './event-count.schema.js';
import { PARTICIPANT_ORDER } from './event-order.js';
import { listedBy } from './listed-event.js';
import { snippetLoader } from './event-snippets.js';
import { eventsAsOf } from '../history/event-as-of.js';

// Every selection of an event's citations uses CITATION_ORDER, so plugin-prisma can merge them into one query.

/** The knownBy date an event's evidence follows: the field's own argument, or its list's filter. */
function knownByOf(event: object, knownBy: string | null | undefined): bigint | undefined {
  return knownBy ? plainDateArg(knownBy, 'knownBy').latest : listedBy(event)?.knownBy;
}

async function onRecord<T extends { sourceId: string }>(ctx: Context, citations: T[], knownBy: bigint | undefined): Promise<T[]> {
  const kept = await Promise.all(citations.map((c) => sourceOnRecordBy(ctx, c.sourceId, knownBy)));
  return citations.filter((_, i) => kept[i]);
}

const AS_OF =
  'As Chronicle had it at this moment of record time, from the history: an event created later is left out (or null), each event with its fields, participants and citations of then (naming the actors and sources as they are now). A filter applies to the events of then, its text to their words then.';

const KNOWN_BY = 'Only sources published by this date. Defaults to the knownBy of the filter that listed the event.';

export const EventRef = builder.prismaNode('Event', {
  // Global ids come from what is stable, the type and the slug, so a reset or an import keeps them.
  id: { field: 'slug' },
  // A missing node is null, not an error; one renamed away is found again (records/renamed-nodes.ts).
  nullable: true,
  // Only the columns a query asks for are read (each field declares what it needs); id and slug
  // always, for the loaders and lists that key rows by id and the global id made from the slug.
  select: { id: true, slug: true },
  description: 'Something that happened, with honest dates, the actors in it and the sources that report it.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    revision: t.exposeInt('revision', {
      description: 'How many times the event has been written: 1 when created. An update names the revision it was based on.',
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the event was retired: kept, and hidden from lists (null while it is live).',
    }),
    title: t.string({
      args: { lang: t.arg.string({ description: LANG }) },
      select: MULTILINGUAL,
      resolve: (event, { lang }) => readEvent(event, lang).title,
    }),
    summary: t.string({
      nullable: true,
      description: 'Its summary as plain text (the text of summaryHtml, when it has one).',
      args: { lang: t.arg.string({ description: LANG }) },
      select: MULTILINGUAL,
      resolve: (event, { lang }) => readEvent(event, lang).summary,
    }),
    summaryHtml: t.string({
      nullable: true,
      description:
        'Its summary as HTML, safe to put in a page: as given (links, emphasis), cleaned by an allow-list; or the plain summary, escaped, in paragraphs.',
      args: { lang: t.arg.string({ description: LANG }) },
      select: MULTILINGUAL,
      resolve: (event, { lang }) => {
        const read = readEvent(event, lang);
        return read.summaryHtml ?? (read.summary === null ? null : htmlOfText(read.summary));
      },
    }),
    language: t.exposeString('language', { nullable: true, description: 'The language its title and summary are in (BCP 47: "en", "fr-CA"), when said.' }),
    translations: t.field({
      type: [TranslationRef],
      description: 'Its title and summary in other languages.',
      select: { translations: true },
      resolve: (event) => Object.entries(event.translations as Translations).map(([lang, version]) => ({ lang, ...version })),
    }),
    type: t.relation('type', { description: 'What kind of event it is: its slug, label and broader types.' }),
    kind: t.field({
      type: EventKindEnum,
      deprecationReason: 'Event types are data now: use type (type.slug, type.label).',
      description: 'The original enum value its type falls under, or OTHER.',
      select: { type: { select: { enumValue: true } } },
      resolve: (event) => enumValueOf(event.type),
    }),
    status: t.expose('status', { type: EventStatusEnum }),
    place: t.exposeString('place', { nullable: true }),
    tags: t.exposeStringList('tags'),
    unsourced: t.exposeBoolean('unsourced', {
      description: 'No source is known for it yet: the one kind of event without citations. An event that cites a source never is.',
    }),
    date: t.field({
      type: DateValueRef,
      description: 'When it happened: one date, an interval (start and end, either open or unknown), or one date in a range.',
      select: { date: true },
      resolve: (event) => parseEdtf(event.date),
    }),
    endDate: t.field({
      type: DateValueRef,
      nullable: true,
      deprecationReason: 'An interval is one value now: use date.end (and date.endBound for an open or unknown end).',
      description: 'The end of an interval with a known end.',
      select: { date: true },
      resolve: (event) => endPart(parseEdtf(event.date)),
    }),
    participants: t.relation('participants', {
      query: { orderBy: PARTICIPANT_ORDER },
    }),
    citations: t.field({
      type: [CitationRef],
      description: 'What each source says about this event, supporting or disputing, oldest source first.',
      args: {
        stance: t.arg({ type: StanceEnum, description: 'Only citations with this stance.' }),
        knownBy: t.arg.string({ description: KNOWN_BY }),
      },
      select: (_args, _ctx, nestedSelection) => ({ citations: nestedSelection({ orderBy: CITATION_ORDER }) }),
      resolve: (event, args, ctx) =>
        onRecord(
          ctx,
          event.citations.filter((c) => !args.stance || c.stance === args.stance),
          knownByOf(event, args.knownBy),
        ),
    }),
    disputed: t.boolean({
      description: 'True when at least one cited source disputes the event (among sources published by knownBy).',
      args: { knownBy: t.arg.string({ description: KNOWN_BY }) },
      select: { citations: { orderBy: CITATION_ORDER, select: { stance: true, sourceId: true } } },
      resolve: async (event, args, ctx) =>
        (
          await onRecord(
            ctx,
            event.citations.filter((c) => c.stance === 'DISPUTES'),
            knownByOf(event, args.knownBy),
          )
        ).length > 0,
    }),
    snippet: t.string({
      nullable: true,
      description:
        'When the event was found by filter.text: the best passages of its text, HTML-escaped, matched words in <mark>. Null for an event listed asOf a moment that has changed since (its passages are of its text now).',
      resolve: (event, _args, ctx) => {
        const listed = listedBy(event);
        if (!listed?.text || listed.past?.changed(event.id)) return null;
        return snippetLoader(ctx).load({ eventId: event.id, text: listed.text });
      },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When this record was created (record time, not event time).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When this record last changed.' }),
  }),
});

builder.prismaObject('Participation', {
  description: 'An actor taking part in an event, in a role.',
  fields: (t) => ({
    roleType: t.relation('roleType', { description: 'The part the actor played: its slug, label and broader roles.' }),
    role: t.field({
      type: ParticipantRoleEnum,
      deprecationReason: 'Participant roles are data now: use roleType (roleType.slug, roleType.label).',
      description: 'The original enum value its role falls under, or OTHER.',
      select: { roleType: { select: { enumValue: true } } },
      resolve: (participation) => enumValueOf(participation.roleType),
    }),
    actor: t.relation('actor'),
    event: t.relation('event'),
  }),
});

builder.queryFields((t) => ({
  event: t.prismaField({
    type: 'Event',
    nullable: true,
    description: 'One event by its slug, or null.',
    args: {
      slug: t.arg.string({ required: true }),
      asOf: t.arg({ type: 'DateTime', description: AS_OF }),
    },
    resolve: async (query, _root, { slug, asOf }, ctx) => {
      const event = await findBySlug(ctx.db, 'event', slug, (where) => ctx.db.event.findUnique({ ...query, where }), ctx.note);
      if (!event || !asOf) return event;
      const [past] = await eventsAsOf(ctx.db, [event], query, asOf);
      return past ?? null;
    },
  }),
  events: t.prismaConnection(
    {
      type: 'Event',
      cursor: 'id',
      description: 'Events matching a filter, chronological by default. Pages hold 20 events by default and at most 100.',
      maxSize: maxPageSize,
      args: {
        filter: t.arg({ type: EventFilterInput }),
        orderBy: t.arg({ type: EventOrderEnum, defaultValue: 'CHRONOLOGICAL' }),
        asOf: t.arg({ type: 'DateTime', description: AS_OF }),
      },
      resolve: async (query, _root, args, ctx) => listEvents(ctx.db, query, await resolveFilter(ctx, args.filter, 'filter', args.asOf), args.orderBy),
      totalCount: async (_root, args, ctx) => countOnce(ctx, await resolveFilter(ctx, args.filter, 'filter', args.asOf)),
    },
    { description: 'A page of events.', fields: eventCountFields },
  ),
}));
