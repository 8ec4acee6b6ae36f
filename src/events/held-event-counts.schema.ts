// eventCount and eventCountExact on the records that hold events: a place (the events that
// happened there) and a timeline (the events it holds), each counted as held-event-counts.ts says.
import { builder } from '../builder.js';
import { HELD_COUNT_NOTE, heldEventCount } from './held-event-counts.js';

for (const [name, kind, held] of [
  ['Place', 'place', 'happened here'],
  ['Timeline', 'timeline', 'it holds'],
] as const) {
  builder.prismaObjectFields(name, (t) => ({
    eventCount: t.int({
      description: `How many events ${held}, retired ones left out: ${HELD_COUNT_NOTE}.`,
      select: { id: true },
      resolve: async (record, _args, ctx) => (await heldEventCount(ctx, kind, record.id)).count,
    }),
    eventCountExact: t.boolean({
      description: 'False when eventCount stopped counting.',
      select: { id: true },
      resolve: async (record, _args, ctx) => (await heldEventCount(ctx, kind, record.id)).exact,
    }),
  }));
}
