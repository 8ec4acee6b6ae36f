import { builder } from '../builder.js';
import { EventFilterInput, resolveFilter } from './event-filter.schema.js';
import { neighboursLoader } from './event-neighbours.js';
import { EventRef } from './event.schema.js';
import { listedBy, listedEventsById } from './listed-event.js';
/**
 * The chronology an event's neighbours come from (the field's filter, its list's, or all events),
 * and the neighbours, listed by it in turn so that stepping on stays in the same chronology.
 */
async function neighbour(ctx, info, event, filter, which) {
    const chronology = filter ? await resolveFilter(ctx, filter) : (listedBy(event) ?? (await resolveFilter(ctx, null)));
    const id = (await neighboursLoader(ctx).load({ filter: chronology, eventId: event.id }))[which];
    return id ? (await listedEventsById(ctx, info, chronology, [id]))[0] : null;
}
const description = (which) => `The event just ${which} this one in chronological order, among the events of \`filter\` (this one need not be among them), or of the filter that listed this event, or of all events.`;
builder.prismaObjectFields('Event', (t) => ({
    previous: t.field({
        type: EventRef,
        nullable: true,
        description: description('before'),
        args: { filter: t.arg({ type: EventFilterInput }) },
        resolve: (event, args, ctx, info) => neighbour(ctx, info, event, args.filter, 'previous'),
    }),
    next: t.field({
        type: EventRef,
        nullable: true,
        description: description('after'),
        args: { filter: t.arg({ type: EventFilterInput }) },
        resolve: (event, args, ctx, info) => neighbour(ctx, info, event, args.filter, 'next'),
    }),
}));
//# sourceMappingURL=event-neighbours.schema.js.map