// Writing sources through the API: the fields an editor gives for a new source or a change
// (src/records/record-mutations.ts makes the mutations).
import { type BuilderTypes, builder } from '../builder.js';
import { mergeMutations } from '../records/merge.schema.js';
import { recordMutations } from '../records/record-mutations.js';
import { ReliabilityEnum } from './source.schema.js';
import { SourceKindEnum } from '../vocabulary/term.schema.js';

function sourceFields(required: boolean) {
  return (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
    type: t.string({
      description: `The source type's slug (see terms(scheme: SOURCE_TYPE)): "wire-report".${required ? ' One of type and kind is needed.' : ''}`,
    }),
    kind: t.field({ type: SourceKindEnum, deprecationReason: "Source types are data now: use type, which takes any type's slug." }),
    title: t.string({ required }),
    author: t.string(),
    publisher: t.string({ description: "The publishing actor's slug: associated-press." }),
    published: t.string({ description: 'When it was published, in EDTF.' }),
    retrieved: t.string({ description: 'When it was first seen, in EDTF, for a source with no publication date.' }),
    url: t.string({ description: 'An http:// or https:// link.' }),
    reliability: t.field({ type: ReliabilityEnum, description: 'F (cannot be judged) unless given.' }),
    basedOn: t.stringList({ description: 'The slugs of the sources this one relies on. On a change, the whole list.' }),
    notes: t.string(),
  });
}

const NewSourceInput = builder.inputType('NewSourceInput', {
  description: 'A new source.',
  fields: (t) => ({
    slug: t.string({ description: 'Its slug, kebab-case; made from the title when left out.' }),
    ...sourceFields(true)(t),
  }),
});

const SourceChangesInput = builder.inputType('SourceChangesInput', {
  description: 'The fields to change; those left out stay as they are, and null clears an optional one.',
  fields: (t) => sourceFields(false)(t),
});

recordMutations({
  typeName: 'Source',
  model: 'source',
  newInput: NewSourceInput,
  changesInput: SourceChangesInput,
  // A type (or the deprecated enum) is its kind.
  toRecord: ({ type, ...input }) => (type != null ? { ...input, kind: type } : input),
});

mergeMutations('Source', 'source');
