// The errors a mutation's result union may hold; every one has a message a person can act on.
import { builder } from '../builder.js';
import { type InputProblem, InvalidInput, RecordNotFound, StaleRevision } from './edit-errors.js';

export const MutationErrorInterface = builder.interfaceRef<Error>('MutationError').implement({
  description: 'Why a mutation wrote nothing: a message saying what to change.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const InputProblemRef = builder.objectRef<InputProblem>('InputProblem').implement({
  description: 'One thing to fix in the input.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field, as a path: citations[1].source.' }),
    message: t.exposeString('message', { description: 'What is wrong with it and how to fix it.' }),
  }),
});

builder.objectType(InvalidInput, {
  name: 'InvalidInput',
  description: 'The input breaks a rule a record must keep; nothing was written.',
  interfaces: [MutationErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInput,
  fields: (t) => ({ problems: t.field({ type: [InputProblemRef], resolve: (error) => error.problems }) }),
});

builder.objectType(StaleRevision, {
  name: 'StaleRevision',
  description: "The change was based on an older revision than the record's: another editor wrote in between. Nothing was written.",
  interfaces: [MutationErrorInterface],
  isTypeOf: (value) => value instanceof StaleRevision,
  fields: (t) => ({
    basedOnRevision: t.exposeInt('basedOnRevision'),
    currentRevision: t.exposeInt('currentRevision', { description: 'The revision to read, and base the change on.' }),
  }),
});

builder.objectType(RecordNotFound, {
  name: 'RecordNotFound',
  description: 'No record has the id given.',
  interfaces: [MutationErrorInterface],
  isTypeOf: (value) => value instanceof RecordNotFound,
  fields: (t) => ({ id: t.exposeID('id') }),
});

/** The errors every mutation that changes a record may answer. */
export const EDIT_ERRORS = [InvalidInput, StaleRevision, RecordNotFound];
