// JSON-LD with schema.org: a Dataset whose parts are Events, their participants (organizer for
// initiators, attendees in a Role otherwise) and their citations as CreativeWorks with the quote.
import type { ExportActor, ExportEvent } from '../export-record.js';
import type { ExportFormat, ExportMeta } from './format.js';

const PLAIN_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function agent(actor: ExportActor) {
  return { '@type': actor.kind === 'PERSON' ? 'Person' : 'Organization', identifier: actor.slug, name: actor.name };
}

function event(e: ExportEvent) {
  return {
    '@type': 'Event',
    identifier: e.slug,
    name: e.title,
    ...(e.summary ? { description: e.summary } : {}),
    // schema.org dates are ISO 8601; a vague EDTF value is kept in temporalCoverage instead.
    ...(PLAIN_DATE.test(e.date.edtf) ? { startDate: e.date.edtf } : {}),
    ...(e.endDate && PLAIN_DATE.test(e.endDate.edtf) ? { endDate: e.endDate.edtf } : {}),
    temporalCoverage: e.endDate ? `${e.date.edtf}/${e.endDate.edtf}` : e.date.edtf,
    disambiguatingDescription: e.date.display,
    eventStatus: e.status,
    additionalType: e.kind,
    ...(e.place ? { location: { '@type': 'Place', name: e.place } } : {}),
    keywords: e.tags,
    organizer: e.participants.filter((p) => p.role === 'INITIATOR').map((p) => agent(p.actor)),
    attendee: e.participants.filter((p) => p.role !== 'INITIATOR').map((p) => ({ '@type': 'Role', roleName: p.role, attendee: agent(p.actor) })),
    citation: e.citations.map((c) => ({
      '@type': 'CreativeWork',
      identifier: c.source.slug,
      name: c.source.title,
      additionalType: c.source.kind,
      ...(c.source.url ? { url: c.source.url } : {}),
      ...(c.source.author ? { author: c.source.author } : {}),
      ...(c.source.publisher ? { publisher: agent(c.source.publisher) } : {}),
      ...(c.source.published ? { datePublished: c.source.published.edtf } : {}),
      ...(c.quote ? { text: c.quote } : {}),
      ...(c.attribution ? { creditText: c.attribution } : {}),
      // Whether the source supports or disputes the event.
      position: c.stance,
    })),
  };
}

function dataset(meta: ExportMeta) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: 'Chronicle export',
    description: `${meta.count} events matching ${JSON.stringify(meta.filter)}`,
    ...(meta.dataTimestamp ? { dateModified: meta.dataTimestamp } : {}),
    creator: { '@type': 'SoftwareApplication', name: meta.generator, softwareVersion: meta.version },
  };
}

export const jsonld: ExportFormat = {
  name: 'jsonld',
  extension: 'jsonld',
  contentType: 'application/ld+json; charset=utf-8',
  description: 'JSON-LD: a schema.org Dataset of Events with participants and citations.',
  metaInBody: true,
  async *write(records, meta) {
    const head = JSON.stringify(dataset(meta));
    yield `${head.slice(0, -1)},"hasPart":[`;
    let first = true;
    for await (const record of records) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(event(record))}`;
      first = false;
    }
    yield '\n]}\n';
  },
};
