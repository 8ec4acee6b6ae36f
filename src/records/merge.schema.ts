// The merge and unmerge mutations of actors and sources (src/records/merge.ts does the work):
// Relay-style like the other writes, with the WRITE scope and typed errors.
import { builder } from '../builder.js';
import { announce } from '../live/change-bus.js';
import { EDIT_ERRORS } from './edit-errors.schema.js';
import { type MergeableModel, mergeRecords, unmergeRecord } from './merge.js';
import { apiAuthor, articleOf, type GlobalId, recordById, recordIdOf } from './record-mutations.js';

export function mergeMutations(typeName: 'Actor' | 'Source', model: MergeableModel): void {
  const article = articleOf(model);
  const mergedPayload = builder.objectRef<{ survivor: string; merged: string }>(`Merge${typeName}sPayload`).implement({
    description: `The ${model} merged into, at its new revision, and the one merged, retired.`,
    fields: (t) => ({
      [model]: t.prismaField({
        type: typeName,
        description: `The ${model} kept: it now holds what both said.`,
        resolve: (query, ids, _args, ctx) => recordById(ctx, model, query, ids.survivor),
      }),
      merged: t.prismaField({
        type: typeName,
        description: `The ${model} merged, retired under a slug ending in -merged: its id is the one unmerge${typeName} takes.`,
        resolve: (query, ids, _args, ctx) => recordById(ctx, model, query, ids.merged),
      }),
    }),
  });
  const unmergedPayload = builder.objectRef<{ id: string }>(`Unmerge${typeName}Payload`).implement({
    description: `The ${model} back under its own slug.`,
    fields: (t) => ({
      [model]: t.prismaField({
        type: typeName,
        resolve: (query, restored, _args, ctx) => recordById(ctx, model, query, restored.id),
      }),
    }),
  });

  const mergeInput = builder.inputType(`Merge${typeName}sInput`, {
    description: `Two ${model}s that are the same: \`from\` is merged into \`into\`.`,
    fields: (t) => ({
      from: t.globalID({ required: true, description: `The ${model} merged: retired, its slug redirecting to \`into\`.` }),
      fromRevision: t.int({ required: true, description: `${typeName}.revision of \`from\` as read.` }),
      into: t.globalID({ required: true, description: `The ${model} kept.` }),
      intoRevision: t.int({ required: true, description: `${typeName}.revision of \`into\` as read.` }),
      note: t.string({ description: 'Why: kept with the revisions.' }),
    }),
  });
  const unmergeInput = builder.inputType(`Unmerge${typeName}Input`, {
    fields: (t) => ({
      id: t.globalID({ required: true, description: `The merged ${model} (Merge${typeName}sPayload.merged).` }),
      basedOnRevision: t.int({ required: true, description: `${typeName}.revision of the merged ${model} as read.` }),
      note: t.string({ description: 'Why: kept with the revisions.' }),
    }),
  });

  builder.mutationFields((t) => ({
    [`merge${typeName}s`]: t.field({
      type: mergedPayload,
      description:
        `Merges two ${model}s that turn out to be the same, in one change: every record naming \`from\` names \`into\` instead, \`into\` keeps what only \`from\` said ` +
        `(${model === 'actor' ? 'its name as an alias, external ids, affiliations' : 'what it is based on, fields it left empty'}), and \`from\` is retired; ` +
        `${typeName.toLowerCase()}(slug:) of its slug answers \`into\`, with a note. unmerge${typeName} undoes it. Needs a token with the WRITE scope.`,
      authScopes: { write: true },
      args: { input: t.arg({ type: mergeInput, required: true }) },
      errors: { types: EDIT_ERRORS, directResult: true, union: { name: `Merge${typeName}sResult` } },
      resolve: async (_root, { input }, ctx) => {
        const from = await recordIdOf(ctx, typeName, model, input.from as GlobalId, 'input.from');
        const into = await recordIdOf(ctx, typeName, model, input.into as GlobalId, 'input.into');
        const report = await mergeRecords(
          ctx.db,
          model,
          apiAuthor(ctx, input.note),
          { id: from, basedOnRevision: input.fromRevision },
          { id: into, basedOnRevision: input.intoRevision },
        );
        announce(ctx.changes, report);
        return { survivor: into, merged: from };
      },
    }),
    [`unmerge${typeName}`]: t.field({
      type: unmergedPayload,
      description: `Undoes a merge of ${article} ${model}, as a new change: it is back under its slug, and every record the merge changed is as it was. Refused when one has changed since. Needs a token with the WRITE scope.`,
      authScopes: { write: true },
      args: { input: t.arg({ type: unmergeInput, required: true }) },
      errors: { types: EDIT_ERRORS, directResult: true, union: { name: `Unmerge${typeName}Result` } },
      resolve: async (_root, { input }, ctx) => {
        const id = await recordIdOf(ctx, typeName, model, input.id as GlobalId);
        announce(ctx.changes, await unmergeRecord(ctx.db, model, apiAuthor(ctx, input.note), id, input.basedOnRevision));
        return { id };
      },
    }),
  }));
}
