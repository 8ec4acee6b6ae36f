// iCalendar (RFC 5545): one all-day VEVENT per event, spanning every day its date can mean; an
// event known only by one bound sits on that day, its DESCRIPTION saying so ("before 4 June 2017").
// A date known less exactly than to the day is TENTATIVE, with its EDTF value in X-CHRONICLE-EDTF.
// ical-generator escapes and folds; the calendar states how the export was made in X- properties.
import ical, { ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { exportSpan, type ExportEvent } from '../export-record.js';
import type { ExportFormat, ExportMeta } from './format.js';

const DAY = 86_400_000;

function dayOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function description(e: ExportEvent): string {
  const lines = [`When: ${e.date.display} (${e.date.edtf})`, `Status: ${e.status}`];
  if (e.summary) lines.push('', e.summary);
  if (e.participants.length) lines.push('', `Participants: ${e.participants.map((p) => `${p.actor.name} (${p.role})`).join(', ')}`);
  for (const c of e.citations) {
    const published = c.source.published ? `, ${c.source.published.display}` : '';
    lines.push('', `${c.stance === 'DISPUTES' ? 'Disputed by' : 'Source'}: ${c.source.title}${c.source.publisher ? `, ${c.source.publisher.name}` : ''}${published}`);
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
    { key: 'X-CHRONICLE-COUNT', value: String(meta.count) },
    { key: 'X-CHRONICLE-DATA-TIMESTAMP', value: meta.dataTimestamp ?? '' },
  ]);
  return cal;
}

export const ics: ExportFormat = {
  name: 'ics',
  extension: 'ics',
  contentType: 'text/calendar; charset=utf-8',
  description: 'iCalendar: one all-day event per event, with its sources in the description.',
  metaInBody: true,
  async *write(records, meta) {
    const cal = calendar(meta);
    yield `${cal.toString().replace(/END:VCALENDAR\s*$/, '')}`;
    // Each event is rendered through a calendar of its own, which folds long lines; its VEVENT is cut out.
    const stamp = meta.dataTimestamp ? new Date(meta.dataTimestamp) : new Date(0);
    for await (const e of records) {
      cal.clear();
      const span = exportSpan(e);
      const first = dayOf(span.first);
      const last = dayOf(span.last);
      const event = cal.createEvent({
        id: `${e.slug}@chronicle`,
        start: first,
        end: new Date(last.getTime() + DAY),
        allDay: true,
        stamp,
        summary: e.title,
        description: description(e),
        location: e.place,
        categories: [{ name: e.kind }, ...e.tags.map((name) => ({ name }))],
        url: e.citations.find((c) => c.source.url)?.source.url ?? null,
      });
      if (!span.exact) event.status(ICalEventStatus.TENTATIVE);
      event.x([{ key: 'X-CHRONICLE-EDTF', value: e.date.edtf }]);
      const text = cal.toString();
      yield text.slice(text.indexOf('BEGIN:VEVENT'), text.indexOf('END:VEVENT') + 'END:VEVENT\r\n'.length);
    }
    yield 'END:VCALENDAR\r\n';
  },
};
