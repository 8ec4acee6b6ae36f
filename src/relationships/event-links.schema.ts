// Typed, directed links between events: a leak REVEALS a call, a reaction FOLLOWS a report.
import { builder } from '../builder.js';
import { byCodePoint } from '../lib/compare.js';
import { compareChronologically } from '../events/event-order.js';
import { EventRef } from '../events/event.schema.js';
import { EventRelationKind } from '../generated/prisma/enums.js';
import type { Event } from '../generated/prisma/client.js';

export const EventRelationKindEnum = builder.enumType(EventRelationKind, {
  name: 'EventRelationKind',
  description: 'Read as "this event <kind> that event": FOLLOWS (comes after, in response), CAUSED, REVEALS, REPORTS_ON, PART_OF.',
});

const LinkDirectionEnum = builder.enumType('LinkDirection', {
  values: {
    OUTGOING: { description: 'This event is the subject: "this event REVEALS that one".' },
    INCOMING: { description: 'The other event is the subject: "that event REVEALS this one".' },
    BOTH: { description: 'Either way.' },
  } as const,
});

interface EventLink {
  kind: EventRelationKind;
  direction: 'OUTGOING' | 'INCOMING';
  event: Event;
}

const EventLinkRef = builder.objectRef<EventLink>('EventLink').implement({
  description: 'A typed link from or to another event.',
  fields: (t) => ({
    kind: t.field({ type: EventRelationKindEnum, resolve: (link) => link.kind }),
    direction: t.field({ type: LinkDirectionEnum, resolve: (link) => link.direction }),
    event: t.field({ type: EventRef, description: 'The event at the other end.', resolve: (link) => link.event }),
  }),
});

builder.prismaObjectField('Event', 'related', (t) =>
  t.field({
    type: [EventLinkRef],
    description: 'Events linked to this one, both directions by default, in chronological order.',
    args: {
      kinds: t.arg({ type: [EventRelationKindEnum], description: 'Only links of these kinds.' }),
      direction: t.arg({ type: LinkDirectionEnum, defaultValue: 'BOTH' }),
    },
    // The linked events load in this event's query, with whatever is selected on them.
    select: (args, _ctx, nestedSelection) => {
      const where = args.kinds?.length ? { kind: { in: args.kinds } } : {};
      // A retired event is linked to no live one.
      const live = { retiredAt: null };
      // The links are ordered by the linked events' dates, whatever a client selects of them.
      const selected = nestedSelection(true, ['event']) as unknown as { select?: Record<string, unknown> };
      const event = selected.select ? { ...selected, select: { ...selected.select, sortAt: true, slug: true } } : selected;
      return {
        relationsFrom: { where: { ...where, to: live }, include: { to: event } },
        relationsTo: { where: { ...where, from: live }, include: { from: event } },
      };
    },
    resolve: (event, args) => {
      const links: EventLink[] = [];
      if (args.direction !== 'INCOMING') for (const r of event.relationsFrom) links.push({ kind: r.kind, direction: 'OUTGOING', event: r.to });
      if (args.direction !== 'OUTGOING') for (const r of event.relationsTo) links.push({ kind: r.kind, direction: 'INCOMING', event: r.from });
      return links.sort((a, b) => compareChronologically(a.event, b.event) || byCodePoint(a.kind, b.kind));
    },
  }),
);
