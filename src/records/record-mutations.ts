// The create, update, retire and reinstate mutations of each kind of record, made alike: one input
// object, a payload with the record as it is now, the input's problems as typed errors, the WRITE
// scope, and the change kept as a revision under the token's name (Relay's mutation conventions).
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { InputObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../builder.js';
import type { Context } from '../context.js';
import type { ChangeAuthor } from './change-log.js';
import { RecordNotFound } from './edit-errors.js';
import { EDIT_ERRORS } from './edit-errors.schema.js';
import { createRecord, type EditableModel, recordIdBySlug, updateRecord } from './record-edits.js';
import { InputError } from '../lib/errors.js';
import { announce, EVENTS_CHANGED } from '../live/change-bus.js';
import { setRetired } from './retirement.js';

/** A mutation's author: the token (the WRITE scope has made sure there is one) and the note given. */
export function apiAuthor(ctx: Context, note: string | null | undefined): ChangeAuthor {
  return { via: 'API', by: ctx.viewer!.name, note: note ?? undefined };
}

export type TypeName = 'Event' | 'Actor' | 'Source';

export interface RecordMutationOptions {
  typeName: TypeName;
  model: EditableModel;
  newInput: InputObjectRef<BuilderTypes, object>;
  changesInput: InputObjectRef<BuilderTypes, object>;
  /** The input as a record's fields (an actor's external ids as a map...); as given by default. */
  toRecord?: (input: Record<string, unknown>) => Record<string, unknown>;
}

/** Input values as records hold them: absent fields left out, nulls kept (they clear a field). */
const withoutAbsent = (input: object) => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));

type FindById = (args: { where: { id: string } }) => Promise<unknown>;

/** A payload's record, read by id with plugin-prisma's selection (`query`), whatever its model. */
export const recordById = (ctx: Context, model: EditableModel, query: object, id: string) =>
  (ctx.db[model] as unknown as { findUniqueOrThrow: FindById }).findUniqueOrThrow({ ...query, where: { id } }) as never;

export const articleOf = (model: EditableModel) => (model === 'actor' || model === 'event' ? 'an' : 'a');

/** A global id as the relay plugin decodes it. */
export type GlobalId = { typename: string; id: string };

/** The record a global id names (following renames); an id of another type is a client's mistake, named by `field`. */
export async function recordIdOf(ctx: Context, typeName: TypeName, model: EditableModel, given: GlobalId, field = 'input.id'): Promise<string> {
  if (given.typename !== typeName) {
    throw new InputError(
      field,
      `is the id of ${given.typename === 'Actor' || given.typename === 'Event' ? 'an' : 'a'} ${given.typename}, not of ${articleOf(model)} ${model}`,
    );
  }
  const id = await recordIdBySlug(ctx.db, model, given.id);
  if (!id) throw new RecordNotFound(encodeGlobalID(typeName, given.id));
  return id;
}

export function recordMutations(options: RecordMutationOptions): void {
  const { typeName, model } = options;
  const field = model;
  const asRecord = (input: object) => (options.toRecord ?? ((x) => x))(withoutAbsent(input));
  const article = articleOf(model);
  const idOf = (ctx: Context, given: GlobalId) => recordIdOf(ctx, typeName, model, given);

  const payload = (name: string, description: string) =>
    builder.objectRef<{ id: string }>(name).implement({
      description,
      fields: (t) => ({
        [field]: t.prismaField({
          type: typeName,
          resolve: (query, created, _args, ctx) => recordById(ctx, model, query, created.id),
        }),
      }),
    });
  const created = payload(`Create${typeName}Payload`, `The ${model} created, at revision 1.`);
  const updated = payload(`Update${typeName}Payload`, `The ${model} as changed, at its new revision (the same one when nothing changed).`);

  const createInput = builder.inputType(`Create${typeName}Input`, {
    fields: (t) => ({
      [field]: t.field({ type: options.newInput, required: true }),
      note: t.string({ description: 'Why: kept with the revision.' }),
    }),
  });
  const updateInput = builder.inputType(`Update${typeName}Input`, {
    fields: (t) => ({
      id: t.globalID({ required: true, description: `The ${model} to change.` }),
      basedOnRevision: t.int({
        required: true,
        description: `The revision the change was made from (${typeName}.revision as read): a newer one refuses it as stale.`,
      }),
      changes: t.field({ type: options.changesInput, required: true }),
      note: t.string({ description: 'Why: kept with the revision.' }),
    }),
  });

  const retired = payload(`Retire${typeName}Payload`, `The ${model}, retired.`);
  const reinstated = payload(`Reinstate${typeName}Payload`, `The ${model}, back in the lists.`);
  const retirementInput = builder.inputType(`${typeName}RetirementInput`, {
    description: `Which ${model} to retire or reinstate.`,
    fields: (t) => ({
      id: t.globalID({ required: true }),
      basedOnRevision: t.int({ required: true, description: `${typeName}.revision as read: a newer one refuses the change as stale.` }),
      note: t.string({ description: 'Why: kept with the revision.' }),
    }),
  });
  for (const retire of [true, false]) {
    builder.mutationField(`${retire ? 'retire' : 'reinstate'}${typeName}`, (t) =>
      t.field({
        type: retire ? retired : reinstated,
        description: retire
          ? `Retires ${article} ${model}: kept, with its history, and hidden from lists, counts, histograms and exports (looked up by slug or id, it is still found). Refused while live records name it. Needs a token with the WRITE scope.`
          : `Puts a retired ${model} back in the lists. Needs a token with the WRITE scope.`,
        authScopes: { write: true },
        args: { input: t.arg({ type: retirementInput, required: true }) },
        errors: { types: EDIT_ERRORS, directResult: true, union: { name: `${retire ? 'Retire' : 'Reinstate'}${typeName}Result` } },
        resolve: async (_root, { input }, ctx) => {
          const id = await idOf(ctx, input.id);
          const changed = await setRetired(ctx.db, model, apiAuthor(ctx, input.note), id, input.basedOnRevision, retire);
          if (changed && model === 'event') {
            ctx.changes.publish(EVENTS_CHANGED, { created: [], updated: retire ? [] : [id], retired: retire ? [id] : [], more: false });
          }
          return { id };
        },
      }),
    );
  }

  builder.mutationFields((t) => ({
    [`create${typeName}`]: t.field({
      type: created,
      description: `Creates ${article} ${model}. Needs a token with the WRITE scope.`,
      authScopes: { write: true },
      args: { input: t.arg({ type: createInput, required: true }) },
      errors: { types: EDIT_ERRORS, directResult: true, union: { name: `Create${typeName}Result` } },
      resolve: async (_root, { input }, ctx) => {
        const given = input as Record<string, object> & { note?: string | null };
        const { id, report } = await createRecord(ctx.db, model, apiAuthor(ctx, given.note), asRecord(given[field]!));
        announce(ctx.changes, report);
        return { id };
      },
    }),
    [`update${typeName}`]: t.field({
      type: updated,
      description: `Changes ${article} ${model}, if it is still at the revision the change was based on. Needs a token with the WRITE scope.`,
      authScopes: { write: true },
      args: { input: t.arg({ type: updateInput, required: true }) },
      errors: { types: EDIT_ERRORS, directResult: true, union: { name: `Update${typeName}Result` } },
      resolve: async (_root, { input }, ctx) => {
        const given = input as { id: { typename: string; id: string }; basedOnRevision: number; changes: object; note?: string | null };
        const id = await idOf(ctx, given.id);
        announce(ctx.changes, await updateRecord(ctx.db, model, apiAuthor(ctx, given.note), id, given.basedOnRevision, asRecord(given.changes)));
        return { id };
      },
    }),
  }));
}
