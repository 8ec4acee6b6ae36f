import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { pastFilter } from '../history/past-tables.js';
import { EventStatusEnum } from './event-enums.schema.js';
import { EventKindEnum, ParticipantRoleEnum } from '../vocabulary/term.schema.js';
import { resolveEventFilter, type EventFilter, type ResolvedEventFilter } from './event-filter.js';

const TimeMatchEnum = builder.enumType('TimeMatch', {
  description: 'How an event with a vague date meets a from/to window. See docs/dates.md.',
  values: {
    OVERLAP: { description: 'The span the event can have taken overlaps the window (default). An event known only by one bound counts as that date.' },
    WITHIN: { description: 'The whole span the event can have taken lies inside the window; an event with an open bound never does.' },
  } as const,
});

const ActorsMatchEnum = builder.enumType('ActorsMatch', {
  values: {
    ANY: { description: 'Events with any of the actors (default).' },
    ALL: { description: 'Events with all of the actors.' },
  } as const,
});

export const RetiredEnum = builder.enumType('RetiredRecords', {
  description: 'Whether a list holds retired records, which are kept but hidden.',
  values: {
    EXCLUDE: { description: 'Leave them out (default).' },
    INCLUDE: { description: 'List them with the others.' },
    ONLY: { description: 'List only them.' },
  } as const,
});

const NearInput = builder.inputType('NearInput', {
  description: 'A point on the map and a distance: WGS 84 degrees, kilometres.',
  fields: (t) => ({
    latitude: t.float({ required: true }),
    longitude: t.float({ required: true }),
    km: t.float({ required: true }),
  }),
});

const BboxInput = builder.inputType('BboxInput', {
  description: 'A box on the map, as GeoJSON gives one: WGS 84 degrees.',
  fields: (t) => ({
    west: t.float({ required: true }),
    south: t.float({ required: true }),
    east: t.float({ required: true }),
    north: t.float({ required: true }),
  }),
});

export const EventFilterInput = builder.inputType('EventFilter', {
  description: 'Narrows an event list. All given fields must hold; a list field matches any of its values. See docs/filters.md.',
  fields: (t) => ({
    from: t.string({ description: 'Start of a time window, at any precision: 2017, 2017-05 or 2017-05-25.' }),
    to: t.string({ description: 'End of a time window (inclusive), at any precision: 2017, 2017-05 or 2017-05-25.' }),
    timeMatch: t.field({ type: TimeMatchEnum, description: 'How vague dates meet the window: OVERLAP (default) or WITHIN.' }),
    actors: t.stringList({ description: 'Actor slugs: events in which these actors took part (any of them, or all with actorsMatch: ALL).' }),
    actorsMatch: t.field({ type: ActorsMatchEnum, description: 'Whether events need ANY (default) or ALL of the actors.' }),
    roleTypes: t.stringList({
      description:
        'Participant role slugs (see terms(scheme: ROLE_TYPE)), each with the roles under it: with actors, the actors had one of these roles; alone, anyone did.',
    }),
    roles: t.field({
      type: [ParticipantRoleEnum],
      deprecationReason: 'Roles are data now: use roleTypes, which takes their slugs.',
      description: 'Only participations in roles under these enum values count.',
    }),
    types: t.stringList({
      description: 'Event type slugs (see terms(scheme: EVENT_TYPE)): events of any of these types, or of a type under one ("meeting" finds "state-visit").',
    }),
    kinds: t.field({
      type: [EventKindEnum],
      deprecationReason: 'Event types are data now: use types, which takes their slugs.',
      description: 'Events whose type falls under any of these enum values.',
    }),
    status: t.field({ type: [EventStatusEnum], description: 'Events with any of these statuses.' }),
    tags: t.stringList({ description: 'Events carrying any of these tags.' }),
    sources: t.stringList({ description: 'Source slugs: events cited by any of these sources.' }),
    timelines: t.stringList({ description: 'Timeline slugs: events held by any of these timelines (an imported TimelineJS file is one).' }),
    disputed: t.boolean({ description: 'true: events some source disputes; false: events no source disputes (within knownBy, if given).' }),
    text: t.string({
      description: 'Words that must all occur (English stemming) in the title, summary, place, translations, quotes, attributions or participant names.',
    }),
    place: t.string({ description: 'Part of the place, any case: "brussels".' }),
    near: t.field({ type: NearInput, description: 'Events at a place within km of a point (along the earth).' }),
    bbox: t.field({ type: BboxInput, description: 'Events at a place inside a box (west > east crosses the antimeridian).' }),
    knownBy: t.string({
      description: "What was on the public record by this date: events cited by a source published by then. The events' citations and disputed flag follow it.",
    }),
    retired: t.field({ type: RetiredEnum, description: 'Retired events: left out (EXCLUDE, default), INCLUDE or ONLY.' }),
  }),
});

export const EventOrderEnum = builder.enumType('EventOrder', {
  values: {
    CHRONOLOGICAL: { description: 'Earliest first, by the instant an event is known by; ties by slug.' },
    REVERSE_CHRONOLOGICAL: { description: 'Latest first.' },
    RELEVANCE: { description: 'Best match for filter.text first; ties chronological.' },
  } as const,
});

/** A list's condition on retired records (actors, sources): left out unless asked for. */
export function retiredWhere(retired: 'EXCLUDE' | 'INCLUDE' | 'ONLY' | null | undefined): { retiredAt?: null | { not: null } } {
  if (retired === 'INCLUDE') return {};
  return retired === 'ONLY' ? { retiredAt: { not: null } } : { retiredAt: null };
}

/**
 * A filter argument, resolved once per request however many fields ask for it; with `asOf`, on
 * the events as Chronicle had them at that moment of record time.
 */
export function resolveFilter(ctx: Context, filter: EventFilter | null | undefined, argument = 'filter', asOf?: Date | null): Promise<ResolvedEventFilter> {
  const key = `${argument}:${JSON.stringify(filter ?? {})}:${asOf?.toISOString() ?? ''}`;
  let resolved = ctx.eventFilters.get(key);
  if (!resolved) {
    resolved = resolveEventFilter(ctx.db, filter, argument).then((now) => (asOf ? pastFilter(ctx.db, now, asOf) : now));
    ctx.eventFilters.set(key, resolved);
  }
  return resolved;
}
