// JSON-LD with schema.org: a Dataset whose parts are Events, their participants (organizer for
// initiators, attendees in a Role otherwise) and their citations as CreativeWorks with the quote.
import { civil } from '../../dates/calendar.js';
import type { Medium } from '../../events/media.js';
import type { ExportActor, ExportEvent } from '../export-record.js';
import { exportSpan } from '../export-span.js';
import { countText, type ExportFormat, type ExportMeta } from './format.js';

/** Chronicle's own terms beside schema.org's. */
const CONTEXT = ['https://schema.org', { chronicle: 'urn:chronicle:' }];

/** An instant as an ISO 8601 date at a precision: 2017, 2017-05 or 2017-05-25. */
function isoDate(at: bigint, precision: string): string {
  const { year, month, day } = civil(at);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const text = `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}`;
  if (precision === 'YEAR') return text;
  const withMonth = `${text}-${pad(month, 2)}`;
  return precision === 'MONTH' || precision === 'SEASON' ? withMonth : `${withMonth}-${pad(day, 2)}`;
}

// schema.org's eventStatus says whether an event went ahead as scheduled; Chronicle's status says
// what the record shows. Only events the record shows as having happened are EventScheduled.
const SCHEMA_STATUS: Record<string, string | undefined> = { CONFIRMED: 'https://schema.org/EventScheduled', REPORTED: 'https://schema.org/EventScheduled' };

function agent(actor: ExportActor) {
  return { '@type': actor.kind === 'PERSON' ? 'Person' : 'Organization', identifier: actor.slug, name: actor.name };
}

function event(e: ExportEvent) {
  const span = exportSpan(e);
  return {
    '@type': 'Event',
    identifier: e.slug,
    name: e.title,
    ...(e.summary ? { description: e.summary } : {}),
    // The span the event can have taken, as ISO 8601 dates; the value as recorded (EDTF, which
    // writes vague and open dates honestly) in temporalCoverage and in words.
    startDate: isoDate(span.first, span.startPrecision),
    ...(e.date.form !== 'DATE' || !span.exact ? { endDate: isoDate(span.last, span.endPrecision) } : {}),
    temporalCoverage: e.date.edtf,
    disambiguatingDescription: e.date.display,
    ...(SCHEMA_STATUS[e.status] ? { eventStatus: SCHEMA_STATUS[e.status] } : {}),
    'chronicle:status': e.status,
    'chronicle:kind': e.kind,
    ...(e.place ? { location: { '@type': 'Place', name: e.place } } : {}),
    keywords: e.tags,
    organizer: e.participants.filter((p) => p.role === 'initiator').map((p) => agent(p.actor)),
    attendee: e.participants.filter((p) => p.role !== 'initiator').map((p) => ({ '@type': 'Role', roleName: p.role, attendee: agent(p.actor) })),
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
    ...(e.media.length ? { associatedMedia: e.media.map(mediaObject) } : {}),
  };
}

const MEDIA_TYPES: Record<Medium['kind'], string> = {
  IMAGE: 'ImageObject',
  VIDEO: 'VideoObject',
  AUDIO: 'AudioObject',
  DOCUMENT: 'DigitalDocument',
  EMBED: 'MediaObject',
};

/** A medium as schema.org says one. */
function mediaObject(m: Medium) {
  return {
    '@type': MEDIA_TYPES[m.kind],
    // Markup in place of a URL (a quote, a frame) is what the medium holds: schema.org's text.
    ...(m.url ? { contentUrl: m.url } : { text: m.html }),
    ...(m.caption ? { caption: m.caption } : {}),
    ...(m.credit ? { creditText: m.credit } : {}),
    ...(m.licence ? { license: m.licence } : {}),
    ...(m.alt ? { description: m.alt } : {}),
    ...(m.thumbnail ? { thumbnailUrl: m.thumbnail } : {}),
  };
}

function dataset(meta: ExportMeta) {
  return {
    '@context': CONTEXT,
    '@type': 'Dataset',
    name: 'Chronicle export',
    description: `${countText(meta)} matching ${JSON.stringify(meta.filter)}`,
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
  forReaders: true,
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
