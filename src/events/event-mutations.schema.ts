// Writing events through the API: create and update, each one transaction through the one record
// writer, kept as a revision under the token's name, with the input's problems as typed errors.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type BuilderTypes, builder } from '../builder.js';
import type { Context } from '../context.js';
import { RecordNotFound } from '../records/edit-errors.js';
import { EDIT_ERRORS } from '../records/edit-errors.schema.js';
import { createEvent, updateEvent } from '../records/record-edits.js';
import type { ChangeAuthor } from '../records/record-writer.js';
import { findBySlug } from '../records/slug-redirects.js';
import { EventRelationKindEnum } from '../relationships/event-links.schema.js';
import { ConfidenceEnum, StanceEnum } from '../sources/source.schema.js';
import { EventKindEnum, EventStatusEnum, ParticipantRoleEnum } from './event-enums.schema.js';
import { EventRef } from './event.schema.js';

/** A mutation's author: the token (the write scope has made sure there is one) and the note given. */
export function apiAuthor(ctx: Context, note: string | null | undefined): ChangeAuthor {
  return { via: 'API', by: ctx.viewer!.name, note: note ?? undefined };
}

const ParticipantInput = builder.inputType('ParticipantInput', {
  description: 'An actor in the event, by slug, and their role.',
  fields: (t) => ({
    actor: t.string({ required: true, description: "The actor's slug: justin-trudeau." }),
    role: t.field({ type: ParticipantRoleEnum, required: true }),
  }),
});

const CitationInput = builder.inputType('CitationInput', {
  description: 'What a source, by slug, says about the event.',
  fields: (t) => ({
    source: t.string({ required: true, description: "The source's slug." }),
    stance: t.field({ type: StanceEnum, description: 'SUPPORTS unless given.' }),
    quote: t.string(),
    attribution: t.string({ description: 'Whom the source attributes it to: "two sources familiar with the call".' }),
    confidence: t.field({ type: ConfidenceEnum }),
    note: t.string({ description: "Why this source supports or disputes the event, in the editor's words." }),
  }),
});

const EventLinkInput = builder.inputType('EventLinkInput', {
  description: 'A link from this event to another, by slug.',
  fields: (t) => ({
    kind: t.field({ type: EventRelationKindEnum, required: true }),
    event: t.string({ required: true, description: "The other event's slug." }),
  }),
});

const DATE = 'When it happened, in EDTF: 2017-05-25, 2017-05, 2017-05-25/2017-06-04, 2016-07-31/.. (docs/dates.md).';

/** The fields of an event as a client writes them; `required` for a new event, none for a change. */
function eventFields(required: boolean) {
  return (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
    title: t.string({ required }),
    summary: t.string(),
    kind: t.field({ type: EventKindEnum, required }),
    status: t.field({ type: EventStatusEnum, required }),
    date: t.string({ required, description: DATE }),
    place: t.string(),
    tags: t.stringList({ description: 'Tags, each a slug: phone-numbers.' }),
    participants: t.field({ type: [ParticipantInput], required, description: 'At least one. On a change, the whole list.' }),
    citations: t.field({ type: [CitationInput], required, description: 'At least one. On a change, the whole list.' }),
    relations: t.field({ type: [EventLinkInput], description: 'On a change, the whole list.' }),
  });
}

const NewEventInput = builder.inputType('NewEventInput', {
  description: 'A new event, with at least one participant and one citation.',
  fields: (t) => ({
    slug: t.string({ description: 'Its slug, kebab-case; made from the title when left out.' }),
    ...eventFields(true)(t),
  }),
});

const EventChangesInput = builder.inputType('EventChangesInput', {
  description: 'The fields to change; those left out stay as they are, and null clears an optional one.',
  fields: (t) => eventFields(false)(t),
});

const CreateEventInput = builder.inputType('CreateEventInput', {
  fields: (t) => ({
    event: t.field({ type: NewEventInput, required: true }),
    note: t.string({ description: 'Why: kept with the revision.' }),
  }),
});

const UpdateEventInput = builder.inputType('UpdateEventInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: EventRef, description: 'The event to change.' }),
    basedOnRevision: t.int({ required: true, description: 'The revision the change was made from (Event.revision as read): a newer one refuses it as stale.' }),
    changes: t.field({ type: EventChangesInput, required: true }),
    note: t.string({ description: 'Why: kept with the revision.' }),
  }),
});

/** A mutation's answer: the event as it is now. */
function eventPayload(name: string, description: string) {
  return builder.objectRef<{ eventId: string }>(name).implement({
    description,
    fields: (t) => ({
      event: t.prismaField({
        type: 'Event',
        resolve: (query, payload, _args, ctx) => ctx.db.event.findUniqueOrThrow({ ...query, where: { id: payload.eventId } }),
      }),
    }),
  });
}

const CreateEventPayload = eventPayload('CreateEventPayload', 'The event created, at revision 1.');
const UpdateEventPayload = eventPayload('UpdateEventPayload', 'The event as changed, at its new revision (the same one when nothing changed).');

/** Input values as records hold them: enums and strings as given, absent fields left out. */
const withoutAbsent = (input: object) => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));

builder.mutationFields((t) => ({
  createEvent: t.field({
    type: CreateEventPayload,
    description: 'Creates an event. Needs a token with the WRITE scope.',
    authScopes: { write: true },
    args: { input: t.arg({ type: CreateEventInput, required: true }) },
    errors: { types: EDIT_ERRORS, directResult: true, union: { name: 'CreateEventResult' } },
    resolve: async (_root, { input }, ctx) => ({
      eventId: await createEvent(ctx.db, apiAuthor(ctx, input.note), withoutAbsent(input.event)),
    }),
  }),
  updateEvent: t.field({
    type: UpdateEventPayload,
    description: 'Changes an event, if it is still at the revision the change was based on. Needs a token with the WRITE scope.',
    authScopes: { write: true },
    args: { input: t.arg({ type: UpdateEventInput, required: true }) },
    errors: { types: EDIT_ERRORS, directResult: true, union: { name: 'UpdateEventResult' } },
    resolve: async (_root, { input }, ctx) => {
      const found = await findBySlug(ctx.db, 'event', input.id.id, (where) => ctx.db.event.findUnique({ where, select: { id: true } }));
      if (!found) throw new RecordNotFound(encodeGlobalID('Event', input.id.id));
      await updateEvent(ctx.db, apiAuthor(ctx, input.note), found.id, input.basedOnRevision, input.changes);
      return { eventId: found.id };
    },
  }),
}));
