// What a mutation refuses, as errors a client can handle by type (the errors plugin puts them in
// each mutation's result union, src/records/edit-errors.schema.ts), not as masked server errors.

/** One thing to fix in a mutation's input: the field (citations[1].source) and what to do. */
export interface InputProblem {
  field: string;
  message: string;
}

/** The input breaks a rule a record must keep; nothing was written. */
export class InvalidInput extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

/** The change was based on an older revision than the record's: another editor wrote in between. */
export class StaleRevision extends Error {
  constructor(
    readonly basedOnRevision: number,
    readonly currentRevision: number,
    /** Which record, for a change that names two (a merge): 'the actor "justin-trudeau"'. */
    record = 'the record',
  ) {
    super(
      `${record} is at revision ${currentRevision}, and this change was based on revision ${basedOnRevision}: read it again (its history says what changed), then send the change based on revision ${currentRevision}`,
    );
  }
}

/** No record has the id given (or it was never one). */
export class RecordNotFound extends Error {
  constructor(readonly id: string) {
    super(`no record has the id ${id}: it may be a typo, or from another Chronicle`);
  }
}
