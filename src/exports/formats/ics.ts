// iCalendar (RFC 5545): one VEVENT per event, all-day and spanning every day its date can mean, or
// timed for a time of day; an event known only by one bound sits on that day, its DESCRIPTION
// saying so ("before 4 June 2017"), and an ongoing one runs to today. A date known less exactly
// than to the day is TENTATIVE, with its EDTF value in X-CHRONICLE-EDTF.
// ical-generator escapes and folds; the calendar states how the export was made in X- properties.
import ical, { foldLines, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { toDate } from '../../dates/calendar.js';
import type { ExportEvent } from '../export-record.js';
import { exportSpan } from '../export-span.js';
import type { ExportContext, ExportFormat, ExportMeta } from './format.js';

const DAY = 86_400_000;

function dayOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function description(e: ExportEvent, label: ExportContext['label']): string {
  const lines = [`When: ${e.date.display} (${e.date.edtf})`, `Status: ${e.status}`];
  if (e.summary) lines.push('', e.summary);
  if (e.participants.length) lines.push('', `Participants: ${e.participants.map((p) => `${p.actor.name} (${label('ROLE_TYPE', p.role)})`).join(', ')}`);
  for (const c of e.citations) {
    const published = c.source.published ? `, ${c.source.published.display}` : '';
    lines.push(
      '',
      `${c.stance === 'DISPUTES' ? 'Disputed by' : 'Source'}: ${c.source.title}${c.source.publisher ? `, ${c.source.publisher.name}` : ''}${published}`,
    );
    if (c.quote) lines.push(`"${c.quote}"`);
    if (c.attribution) lines.push(`Attribution: ${c.attribution}`);
    if (c.source.url) lines.push(c.source.url);
  }
  return lines.join('\n');
}

function calendar(meta: ExportMeta): ICalCalendar {
  const cal = ical({ name: 'Chronicle', prodId: { company: 'Chronicle', product: `chronicle ${meta.version}`, language: 'EN' } });
  cal.x([
    { key: 'X-CHRONICLE-FILTER', value: JSON.stringify(meta.filter) },
    { key: meta.countExact ? 'X-CHRONICLE-COUNT' : 'X-CHRONICLE-COUNT-MORE-THAN', value: String(meta.count) },
    { key: 'X-CHRONICLE-DATA-TIMESTAMP', value: meta.dataTimestamp ?? '' },
    { key: 'X-CHRONICLE-NOTE', value: 'iCalendar holds the years 1 to 9999: events dated outside them are left out; the other formats carry them' },
  ]);
  return cal;
}

export const ics: ExportFormat = {
  name: 'ics',
  extension: 'ics',
  contentType: 'text/calendar; charset=utf-8',
  description: 'iCalendar: one all-day event per event, with its sources in the description.',
  metaInBody: true,
  forReaders: true,
  async *write(records, meta, { label }) {
    const cal = calendar(meta);
    // The calendar's properties come first (RFC 5545), then each event as it is read, then its end.
    yield `${cal.toString().replace(/END:VCALENDAR\s*$/, '')}`;
    const stamp = meta.dataTimestamp ? new Date(meta.dataTimestamp) : new Date(0);
    for await (const e of records) {
      const span = exportSpan(e);
      const [first, last] = [toDate(span.first), toDate(span.last)];
      // iCalendar writes years 1 to 9999 only: an event outside them is left out (the calendar says so).
      if (!first || !last || first.getUTCFullYear() < 1 || last.getUTCFullYear() > 9999) continue;
      // A time of day is a timed event at that instant (to the minute or second given); any other date is all-day.
      const timed = e.date.form === 'DATE' && (span.startPrecision === 'MINUTE' || span.startPrecision === 'SECOND');
      cal.clear(); // one event at a time in the calendar, so memory stays flat however long the export
      const event = cal.createEvent({
        id: `${e.slug}@chronicle`,
        start: timed ? first : dayOf(first),
        end: timed ? new Date(last.getTime() + 1) : new Date(dayOf(last).getTime() + DAY),
        allDay: !timed,
        stamp,
        summary: e.title,
        description: description(e, label),
        location: e.place,
        // The type by its label ("Phone call"), as a calendar shows categories; tags are slugs already.
        categories: [{ name: label('EVENT_TYPE', e.kind) }, ...e.tags.map((name) => ({ name }))],
        url: e.citations.find((c) => c.source.url)?.source.url ?? null,
      });
      if (!span.exact) event.status(ICalEventStatus.TENTATIVE);
      event.x([{ key: 'X-CHRONICLE-EDTF', value: e.date.edtf }]);
      yield foldLines(event.toString());
    }
    yield 'END:VCALENDAR\r\n';
  },
};
