// A write's Change (who, how, why, when) and the revisions it makes, one per record it creates or
// changes. The record writer keeps one for each write; a rename keeps one for its record.
import type { ChangeVia, Prisma, RecordKind, RevisionAction } from '../generated/prisma/client.js';
import { canonicalJson } from '../lib/compare.js';
import { idsOf, inStatements } from './new-records.js';
import type { ChangeRecord, RevisionRecord } from './record-schemas.js';

type Tx = Prisma.TransactionClient;

/** One field of a record, before and after a change; a list field is given whole on each side. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** A record's changed fields by name, as a revision keeps them. */
export type FieldChanges = Record<string, FieldChange>;

/** The fields of `next` that differ from `current`. */
export function differences(current: Record<string, unknown>, next: Record<string, unknown>): FieldChanges {
  const changed: FieldChanges = {};
  for (const [key, value] of Object.entries(next)) {
    if (canonicalJson(current[key]) !== canonicalJson(value)) changed[key] = { before: current[key] ?? null, after: value ?? null };
  }
  return changed;
}

/** Who writes, how and why: the Change the revisions are kept under. */
export interface ChangeAuthor {
  via: ChangeVia;
  /** A token's name, or the command that writes ("chronicle import", "seed"). */
  by: string;
  note?: string | undefined;
}

/** A record's revision, once the change has given it its number. */
export interface RevisionRow {
  recordId: string;
  number: number;
  fields: FieldChanges;
}

/** The change a write is recorded under, and what it did to each record. */
export class ChangeLog {
  /** null: the history is being restored (a dump's), and this write keeps no change of its own. */
  private constructor(readonly changeId: string | null) {}

  static none(): ChangeLog {
    return new ChangeLog(null);
  }

  /**
   * A new record's revision counter: the one its restored history gives it, or 1, the creation
   * this change keeps.
   */
  readonly revisionOf = (record: { revision?: number | undefined }): number => (this.changeId === null ? (record.revision ?? 1) : 1);

  /** Writes a dump's history as it was, ids and all: its changes, and their revisions of records named by slug. */
  static async restore(tx: Tx, changes: ChangeRecord[], revisions: RevisionRecord[]): Promise<void> {
    await tx.change.createMany({ data: changes.map((c) => ({ id: c.id, via: c.via, by: c.by, note: c.note ?? null, at: new Date(c.at) })) });
    const models = { EVENT: 'event', ACTOR: 'actor', SOURCE: 'source', PLACE: 'place', TIMELINE: 'timeline' } as const;
    const ids = new Map<string, string>();
    for (const kind of Object.keys(models) as (keyof typeof models)[]) {
      const slugs = revisions.filter((r) => r.kind === kind).map((r) => r.record);
      for (const [slug, id] of await idsOf(tx, models[kind], slugs)) ids.set(`${kind} ${slug}`, id);
    }
    const rows = revisions.map((r) => ({
      id: r.id,
      change: r.change,
      kind: r.kind,
      record: ids.get(`${r.kind} ${r.record}`)!,
      number: r.number,
      action: r.action,
      fields: r.fields,
    }));
    await inStatements(
      rows,
      (json) => tx.$executeRaw`
      INSERT INTO "Revision" (id, "changeId", "recordKind", "recordId", number, action, fields)
      SELECT r.id, r.change, r.kind, r.record, r.number, r.action, r.fields
        FROM json_to_recordset(${json}::json) AS r(id uuid, change uuid, kind "RecordKind", record uuid, number int, action "RevisionAction", fields jsonb)`,
    );
  }

  /** Opens the change a transaction's revisions are kept under. */
  static async start(tx: Tx, author: ChangeAuthor): Promise<ChangeLog> {
    const { id } = await tx.change.create({ data: { via: author.via, by: author.by, note: author.note ?? null }, select: { id: true } });
    return new ChangeLog(id);
  }

  /** Revision 1 of records just created. */
  async created(tx: Tx, kind: RecordKind, ids: string[]): Promise<void> {
    if (ids.length === 0 || this.changeId === null) return;
    await tx.$executeRaw`
      INSERT INTO "Revision" (id, "changeId", "recordKind", "recordId", number, action)
      SELECT chronicle_uuid7(), ${this.changeId}::uuid, ${kind}::"RecordKind", id, 1, 'CREATED' FROM unnest(${ids}::uuid[]) AS id`;
  }

  /** Ends the change: one that changed no record leaves nothing behind. */
  async end(tx: Tx): Promise<void> {
    if (this.changeId === null) return;
    await tx.$executeRaw`DELETE FROM "Change" c WHERE c.id = ${this.changeId}::uuid AND NOT EXISTS (SELECT 1 FROM "Revision" r WHERE r."changeId" = c.id)`;
  }

  async updated(tx: Tx, kind: RecordKind, rows: RevisionRow[], action: RevisionAction = 'UPDATED'): Promise<void> {
    if (rows.length === 0 || this.changeId === null) return;
    const changeId = this.changeId;
    await tx.revision.createMany({
      // Fields hold what records hold: strings, numbers, lists and plain objects.
      data: rows.map((r) => ({
        changeId,
        recordKind: kind,
        recordId: r.recordId,
        number: r.number,
        action,
        fields: r.fields as unknown as Prisma.InputJsonObject,
      })),
    });
  }
}
