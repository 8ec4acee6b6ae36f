// What an exported event carries: everything a researcher needs to cite it, and everything an
// import needs to recreate it (events, their actors and sources). One shape for every format.
import { parseEdtf } from '../dates/edtf.js';
import { db } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { chronological, PARTICIPANT_ORDER } from '../events/event-order.js';
import { CITATION_ORDER, publishedBy } from '../sources/source-order.js';

export interface ExportDate {
  edtf: string;
  precision: string;
  display: string;
  earliest: string | null;
  latest: string | null;
}

export interface ExportActor {
  slug: string;
  name: string;
  kind: string;
}

export interface ExportCitation {
  stance: string;
  quote: string | null;
  attribution: string | null;
  confidence: string | null;
  note: string | null;
  source: {
    slug: string;
    kind: string;
    title: string;
    author: string | null;
    url: string | null;
    published: ExportDate | null;
    publisher: ExportActor | null;
  };
}

export interface ExportEvent {
  slug: string;
  title: string;
  summary: string | null;
  kind: string;
  status: string;
  date: ExportDate;
  endDate: ExportDate | null;
  place: string | null;
  tags: string[];
  participants: { role: string; actor: ExportActor }[];
  citations: ExportCitation[];
}

export function exportDate(edtf: string): ExportDate {
  const d = parseEdtf(edtf);
  return { edtf: d.edtf, precision: d.precision, display: d.display, earliest: d.earliest?.toISOString() ?? null, latest: d.latest?.toISOString() ?? null };
}

/** The instants an exported event can have taken, for formats that need one span (iCalendar, schema.org). */
export interface ExportSpan {
  /** The first instant it can have begun, or, when its start is open, the bound it is known by. */
  first: Date;
  /** The last instant it can have ended, or, when its end is open, the start's last instant. */
  last: Date;
  /** True when the span is exactly the event's: known to the day, with no range, open bound or qualifier. */
  exact: boolean;
}

export function exportSpan(e: Pick<ExportEvent, 'date' | 'endDate'>): ExportSpan {
  const end = e.endDate ?? e.date;
  const first = new Date((e.date.earliest ?? e.date.latest)!);
  const last = new Date((end.latest ?? end.earliest ?? e.date.latest ?? e.date.earliest)!);
  const exactDay = (d: ExportDate) => d.precision === 'DAY' && /^\d{4}-\d{2}-\d{2}$/.test(d.edtf);
  return { first, last, exact: exactDay(e.date) && (!e.endDate || exactDay(e.endDate)) };
}

const actorFields = { slug: true, name: true, kind: true } as const;

const exportSelection = {
  slug: true, title: true, summary: true, kind: true, status: true, place: true, tags: true,
  startEdtf: true, endEdtf: true, sortAt: true,
  participants: { select: { role: true, actor: { select: actorFields } }, orderBy: PARTICIPANT_ORDER },
  citations: {
    select: {
      stance: true, quote: true, attribution: true, confidence: true, note: true,
      source: {
        select: {
          slug: true, kind: true, title: true, author: true, url: true, publishedEdtf: true, publishedLatest: true,
          publisher: { select: actorFields },
        },
      },
    },
    orderBy: CITATION_ORDER,
  },
} satisfies Prisma.EventSelect;

type Row = Prisma.EventGetPayload<{ select: typeof exportSelection }>;

function toRecord(row: Row, knownBy: Date | undefined): ExportEvent {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    status: row.status,
    date: exportDate(row.startEdtf),
    endDate: row.endEdtf ? exportDate(row.endEdtf) : null,
    place: row.place,
    tags: row.tags,
    participants: row.participants.map((p) => ({ role: p.role, actor: p.actor })),
    citations: row.citations
      .filter((c) => publishedBy(c.source.publishedLatest, knownBy))
      .map((c) => ({
        stance: c.stance,
        quote: c.quote,
        attribution: c.attribution,
        confidence: c.confidence,
        note: c.note,
        source: {
          slug: c.source.slug,
          kind: c.source.kind,
          title: c.source.title,
          author: c.source.author,
          url: c.source.url,
          published: c.source.publishedEdtf ? exportDate(c.source.publishedEdtf) : null,
          publisher: c.source.publisher,
        },
      })),
  };
}

export const BATCH_SIZE = 500;

/**
 * The events matching `where`, in chronological order, read in keyset-paginated batches so memory
 * stays flat whatever the size. Stops reading when the consumer stops asking.
 */
export async function* exportRecords(where: Prisma.EventWhereInput, knownBy?: Date): AsyncGenerator<ExportEvent> {
  let after: { sortAt: Date; slug: string } | undefined;
  for (;;) {
    const page: Row[] = await db.event.findMany({
      where: after
        ? { AND: [where, { OR: [{ sortAt: { gt: after.sortAt } }, { sortAt: after.sortAt, slug: { gt: after.slug } }] }] }
        : where,
      orderBy: chronological(),
      take: BATCH_SIZE,
      select: exportSelection,
    });
    for (const row of page) yield toRecord(row, knownBy);
    if (page.length < BATCH_SIZE) return;
    const last = page.at(-1)!;
    after = { sortAt: last.sortAt, slug: last.slug };
  }
}
