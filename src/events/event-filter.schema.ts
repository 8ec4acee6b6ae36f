import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { Prisma } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';
import { EventKindEnum } from './event-enums.schema.js';
import { eventWhere, type EventFilter } from './event-filter.js';

export const EventFilterInput = builder.inputType('EventFilter', {
  description: 'Narrows an event list. All given fields must hold; a list field matches any of its values. See docs/filters.md.',
  fields: (t) => ({
    from: t.string({ description: 'Start of a time window, at any precision: 2017, 2017-05 or 2017-05-25. Events that can overlap the window match.' }),
    to: t.string({ description: 'End of a time window (inclusive), at any precision: 2017, 2017-05 or 2017-05-25.' }),
    actors: t.stringList({ description: 'Actor slugs: events in which any of these actors took part.' }),
    kinds: t.field({ type: [EventKindEnum], description: 'Events of any of these kinds.' }),
    tags: t.stringList({ description: 'Events carrying any of these tags.' }),
    sources: t.stringList({ description: 'Source slugs: events cited by any of these sources.' }),
  }),
});

export const EventOrderEnum = builder.enumType('EventOrder', {
  values: {
    CHRONOLOGICAL: { description: 'Earliest first, by the instant an event is known by; ties by slug.' },
    REVERSE_CHRONOLOGICAL: { description: 'Latest first.' },
  } as const,
});

/** The where clause of a filter argument, parsed once per request however many fields ask. */
export function filterWhere(ctx: Context, filter: EventFilter | null | undefined, argument = 'filter'): Promise<Prisma.EventWhereInput> {
  const key = `${argument}:${JSON.stringify(filter ?? {})}`;
  let where = ctx.eventFilters.get(key);
  if (!where) {
    where = eventWhere(filter, argument).catch((error: unknown) => {
      throw error instanceof InputError ? error.toGraphQL() : error;
    });
    ctx.eventFilters.set(key, where);
  }
  return where;
}
