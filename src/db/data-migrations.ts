// Data that a migration's SQL cannot compute: run after the named migration's script, in its
// transaction, on its session. Each step reads and writes in batches, so memory stays flat.
import { eventTimeOf, legacyDate } from '../dates/event-time.js';
import { DateParseError, parseEdtf } from '../dates/edtf.js';
import { onRecordAt } from '../sources/source-order.js';
import type { SqlSession } from './adapter.js';

const BATCH = 2_000;

/** Rows of `table` in id order, BATCH at a time. */
async function* batches<R extends { id: string }>(session: SqlSession, select: string, table: string): AsyncGenerator<R[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await session.query<R>(`SELECT id, ${select} FROM "${table}" WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [after]);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

/**
 * An old start and end as one value. An end that contradicts its start (the old form let some
 * pass) cannot be kept in one EDTF value: the start is, and the dropped end is reported.
 */
function joinOrKeepStart(start: string, end: string | null, id: string): string {
  try {
    return legacyDate(start, end);
  } catch (error) {
    if (!(error instanceof DateParseError)) throw error;
    console.warn(`chronicle: migrating event ${id}: ${error.message}; kept the start "${start}" and dropped the end`);
    return legacyDate(start, null);
  }
}

async function eventTimeColumns(session: SqlSession): Promise<void> {
  for await (const rows of batches<{ id: string; startEdtf: string; endEdtf: string | null }>(session, '"startEdtf", "endEdtf"', 'Event')) {
    const times = rows.map((r) => eventTimeOf(joinOrKeepStart(r.startEdtf, r.endEdtf, r.id)));
    const column = (name: keyof (typeof times)[number]) => times.map((t) => String(t[name]));
    await session.query(
      `UPDATE "Event" e SET "date" = v.date, "sortKey" = v.sort_at, "spanStart" = v.span_start, "spanEnd" = v.span_end,
              "startEarliest" = v.start_earliest, "startLatest" = v.start_latest, "endEarliest" = v.end_earliest, "endLatest" = v.end_latest
         FROM unnest($1::uuid[], $2::text[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::int8[])
              AS v(id, date, sort_at, span_start, span_end, start_earliest, start_latest, end_earliest, end_latest)
        WHERE e.id = v.id`,
      [
        rows.map((r) => r.id),
        column('date'),
        column('sortAt'),
        column('spanStart'),
        column('spanEnd'),
        column('startEarliest'),
        column('startLatest'),
        column('endEarliest'),
        column('endLatest'),
      ],
    );
  }
  for await (const rows of batches<{ id: string; publishedEdtf: string | null }>(session, '"publishedEdtf"', 'Source')) {
    const published = rows.map((r) => (r.publishedEdtf ? parseEdtf(r.publishedEdtf).edtf : null));
    await session.query(
      `UPDATE "Source" s SET "publishedEdtf" = v.published, "onRecordAt" = v.on_record
         FROM unnest($1::uuid[], $2::text[], $3::int8[]) AS v(id, published, on_record) WHERE s.id = v.id`,
      [rows.map((r) => r.id), published, published.map((p) => onRecordAt(p, null)?.toString() ?? null)],
    );
  }
  for await (const rows of batches<{ id: string; startEdtf: string | null; endEdtf: string | null }>(session, '"startEdtf", "endEdtf"', 'Affiliation')) {
    const rewrite = (edtf: string | null) => (edtf ? parseEdtf(edtf).edtf : null);
    await session.query(
      `UPDATE "Affiliation" a SET "startEdtf" = v.start_edtf, "endEdtf" = v.end_edtf
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, start_edtf, end_edtf) WHERE a.id = v.id`,
      [rows.map((r) => r.id), rows.map((r) => rewrite(r.startEdtf)), rows.map((r) => rewrite(r.endEdtf))],
    );
  }
}

/** By migration name (the folder under prisma/migrations). */
export const DATA_MIGRATIONS: Record<string, (session: SqlSession) => Promise<void>> = {
  '20261127200000_event_time_columns': eventTimeColumns,
};
