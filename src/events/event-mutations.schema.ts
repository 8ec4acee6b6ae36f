// Writing events through the API: the fields an editor gives for a new event or a change
// (src/records/record-mutations.ts makes the mutations).
import { type BuilderTypes, builder } from '../builder.js';
import { recordMutations } from '../records/record-mutations.js';
import { EventRelationKindEnum } from '../relationships/event-links.schema.js';
import { ConfidenceEnum, StanceEnum } from '../sources/source.schema.js';
import { EventStatusEnum } from './event-enums.schema.js';
import { MediumInput } from './media.schema.js';
import { PresentationInput } from './presentation.schema.js';
import { EventKindEnum, ParticipantRoleEnum } from '../vocabulary/term.schema.js';

const ParticipantInput = builder.inputType('ParticipantInput', {
  description: 'An actor in the event, by slug, and their role.',
  fields: (t) => ({
    actor: t.string({ required: true, description: "The actor's slug: justin-trudeau." }),
    roleType: t.string({ description: 'Their role\'s slug (see terms(scheme: ROLE_TYPE)): "speaker". One of roleType and role is needed.' }),
    role: t.field({ type: ParticipantRoleEnum, deprecationReason: "Roles are data now: use roleType, which takes any role's slug." }),
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

const TranslationInput = builder.inputType('TranslationInput', {
  description: "The event's title and summary in another language.",
  fields: (t) => ({
    lang: t.string({ required: true, description: 'A language tag: "fr", "pt-BR".' }),
    title: t.string({ required: true }),
    summary: t.string(),
    summaryHtml: t.string({ description: 'As HTML, cleaned by an allow-list.' }),
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
    summary: t.string({ description: 'As plain text.' }),
    summaryHtml: t.string({
      description:
        'As HTML (paragraphs, links, emphasis), cleaned by an allow-list: summary becomes its text. Given alone on a change, it replaces the summary.',
    }),
    language: t.string({ description: 'The language of its title and summary: "en", "fr-CA".' }),
    translations: t.field({ type: [TranslationInput], description: 'Its title and summary in other languages. On a change, the whole list.' }),
    type: t.string({
      description: `The event type's slug (see terms(scheme: EVENT_TYPE)): "phone-call".${required ? ' One of type and kind is needed.' : ''}`,
    }),
    kind: t.field({ type: EventKindEnum, deprecationReason: "Event types are data now: use type, which takes any type's slug." }),
    status: t.field({ type: EventStatusEnum, required }),
    date: t.string({ required, description: DATE }),
    place: t.string({ description: 'Where it happened, in words.' }),
    location: t.string({ description: "Where it happened on the map: a place's slug (see places); null clears it." }),
    tags: t.stringList({ description: 'Tags, each a slug: phone-numbers.' }),
    media: t.field({ type: [MediumInput], description: 'Pictures, video, sound, documents, in order. On a change, the whole list.' }),
    presentation: t.field({ type: PresentationInput, description: 'How a timeline shows it (group, background, display dates); null clears it.' }),
    participants: t.field({ type: [ParticipantInput], required, description: 'Who took part, with their roles; may be empty. On a change, the whole list.' }),
    citations: t.field({ type: [CitationInput], description: 'At least one, unless the event is unsourced. On a change, the whole list.' }),
    unsourced: t.boolean({ description: 'No source is known yet: the event may then have no citation (and must have none). False unless given.' }),
    relations: t.field({ type: [EventLinkInput], description: 'On a change, the whole list.' }),
  });
}

const NewEventInput = builder.inputType('NewEventInput', {
  description: 'A new event, with its participants (none yet is allowed), and at least one citation unless it is marked unsourced.',
  fields: (t) => ({
    slug: t.string({ description: 'Its slug, kebab-case; made from the title when left out.' }),
    ...eventFields(true)(t),
  }),
});

const EventChangesInput = builder.inputType('EventChangesInput', {
  description: 'The fields to change; those left out stay as they are, and null clears an optional one.',
  fields: (t) => eventFields(false)(t),
});

/**
 * The input as an event record: a type (or the deprecated enum) is its kind, a participant's
 * roleType its role, null media none, null presentation none.
 */
function eventRecordOf({ type, participants, media, presentation, translations, ...input }: Record<string, unknown>): Record<string, unknown> {
  return {
    ...input,
    ...(translations === undefined
      ? {}
      : { translations: Object.fromEntries(((translations ?? []) as { lang: string }[]).map(({ lang, ...version }) => [lang, version])) }),
    ...(type != null ? { kind: type } : {}),
    // Either given alone replaces the other: HTML, the stored text (its text is the summary now);
    // a summary (or null), the stored HTML, which would disagree with it.
    ...(input.summaryHtml != null && input.summary === undefined ? { summary: null } : {}),
    ...(input.summary !== undefined && input.summaryHtml === undefined ? { summaryHtml: null } : {}),
    // null clears the list.
    ...(media === undefined ? {} : { media: media ?? [] }),
    ...(presentation === undefined ? {} : { presentation: presentation ?? {} }),
    ...(participants === undefined
      ? {}
      : {
          participants: Array.isArray(participants)
            ? participants.map(({ roleType, role, ...p }: Record<string, unknown>) => ({ ...p, role: roleType ?? role }))
            : participants,
        }),
  };
}

recordMutations({ typeName: 'Event', model: 'event', newInput: NewEventInput, changesInput: EventChangesInput, toRecord: eventRecordOf });
