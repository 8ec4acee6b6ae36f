// restoreRevision: a record put back as it was at an earlier revision, as a new revision (so the
// restore itself can be undone the same way).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { InputError } from '../lib/errors.js';
import { announce } from '../live/change-bus.js';
import { RecordNotFound } from '../records/edit-errors.js';
import { EDIT_ERRORS } from '../records/edit-errors.schema.js';
import { type EditableModel, recordIdBySlug, restoreRecord } from '../records/record-edits.js';
import { apiAuthor } from '../records/record-mutations.js';
import { RecordUnion, recordOf } from './revision.schema.js';

const MODELS: Record<string, EditableModel> = { Event: 'event', Actor: 'actor', Source: 'source' };
const KINDS = { event: 'EVENT', actor: 'ACTOR', source: 'SOURCE' } as const;

const RestoreRevisionInput = builder.inputType('RestoreRevisionInput', {
  fields: (t) => ({
    record: t.globalID({ required: true, description: 'The event, actor or source to put back.' }),
    number: t.int({ required: true, description: 'The revision to put it back to (Revision.number in its history).' }),
    basedOnRevision: t.int({ required: true, description: 'Its revision as read: a newer one refuses the restore as stale.' }),
    note: t.string({ description: 'Why: kept with the new revision.' }),
  }),
});

const RestoreRevisionPayload = builder.objectRef<{ model: EditableModel; id: string }>('RestoreRevisionPayload').implement({
  description: 'The record as it is now: as it was at the revision asked for, at a new revision.',
  fields: (t) => ({
    record: t.field({ type: RecordUnion, resolve: (restored, _args, ctx) => recordOf(ctx, KINDS[restored.model], restored.id) }),
  }),
});

builder.mutationField('restoreRevision', (t) =>
  t.field({
    type: RestoreRevisionPayload,
    description:
      'Puts a record back as it was at an earlier revision, as a new revision; its slug stays (chronicle rename undoes a rename). Needs a token with the WRITE scope.',
    authScopes: { write: true },
    args: { input: t.arg({ type: RestoreRevisionInput, required: true }) },
    errors: { types: EDIT_ERRORS, directResult: true, union: { name: 'RestoreRevisionResult' } },
    resolve: async (_root, { input }, ctx) => {
      const model = MODELS[input.record.typename];
      if (!model) throw new InputError('input.record', `is the id of a ${input.record.typename}: give the id of an event, actor or source`);
      const id = await recordIdBySlug(ctx.db, model, input.record.id);
      if (!id) throw new RecordNotFound(encodeGlobalID(input.record.typename, input.record.id));
      announce(ctx.changes, await restoreRecord(ctx.db, model, apiAuthor(ctx, input.note), id, input.number, input.basedOnRevision));
      return { model, id };
    },
  }),
);
