// Writing actors through the API: the fields an editor gives for a new actor or a change
// (src/records/record-mutations.ts makes the mutations).
import { type BuilderTypes, builder } from '../builder.js';
import { mergeMutations } from '../records/merge.schema.js';
import { recordMutations } from '../records/record-mutations.js';
import { ActorKindEnum } from './actor.schema.js';

const ExternalIdInput = builder.inputType('ExternalIdInput', {
  description: 'An identifier of the actor elsewhere: {scheme: "wikidata", value: "Q22686"}.',
  fields: (t) => ({ scheme: t.string({ required: true }), value: t.string({ required: true }) }),
});

const AffiliationInput = builder.inputType('AffiliationInput', {
  description: 'A role the actor has, or had, in another actor (by slug): Prime Minister of government-of-canada.',
  fields: (t) => ({
    organisation: t.string({ required: true, description: "The other actor's slug." }),
    role: t.string({ required: true }),
    start: t.string({ description: 'When the role began, in EDTF.' }),
    end: t.string({ description: 'When it ended, in EDTF.' }),
  }),
});

function actorFields(required: boolean) {
  return (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
    name: t.string({ required }),
    kind: t.field({ type: ActorKindEnum, required }),
    description: t.string(),
    aliases: t.stringList({ description: 'Other names: "Trudeau". On a change, the whole list.' }),
    externalIds: t.field({ type: [ExternalIdInput], description: 'On a change, the whole list.' }),
    affiliations: t.field({ type: [AffiliationInput], description: 'On a change, the whole list.' }),
  });
}

const NewActorInput = builder.inputType('NewActorInput', {
  description: 'A new actor.',
  fields: (t) => ({
    slug: t.string({ description: 'Its slug, kebab-case; made from the name when left out.' }),
    ...actorFields(true)(t),
  }),
});

const ActorChangesInput = builder.inputType('ActorChangesInput', {
  description: 'The fields to change; those left out stay as they are, and null clears an optional one.',
  fields: (t) => actorFields(false)(t),
});

recordMutations({
  typeName: 'Actor',
  model: 'actor',
  newInput: NewActorInput,
  changesInput: ActorChangesInput,
  // Records keep external ids as a map by scheme.
  toRecord: ({ externalIds, ...actor }) =>
    externalIds === undefined
      ? actor
      : { ...actor, externalIds: Object.fromEntries(((externalIds ?? []) as { scheme: string; value: string }[]).map((x) => [x.scheme, x.value])) },
});

mergeMutations('Actor', 'actor');
