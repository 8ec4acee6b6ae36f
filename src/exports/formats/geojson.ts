// GeoJSON (RFC 7946): a FeatureCollection, one Feature per event, at its place's coordinates
// (longitude, latitude in WGS 84, as RFC 7946 orders them). An event with no place on the map is
// a Feature whose geometry is null, as the RFC allows: a researcher's export keeps every event,
// and QGIS, Leaflet and Kepler draw the ones they can. Properties are flat where a GIS table
// shows them (title, type, dates, place) and lists where it cannot (participants, citations).
import type { ExportEvent } from '../export-record.js';
import { exportSpan } from '../export-span.js';
import { toDate } from '../../dates/calendar.js';
import { countText, type ExportContext, type ExportFormat, type ExportMeta } from './format.js';

function feature(e: ExportEvent, label: ExportContext['label']) {
  const where = e.location;
  const span = exportSpan(e);
  return {
    type: 'Feature',
    id: e.slug,
    geometry: where && where.latitude !== null && where.longitude !== null ? { type: 'Point', coordinates: [where.longitude, where.latitude] } : null,
    properties: {
      slug: e.slug,
      title: e.title,
      summary: e.summary,
      type: e.kind,
      type_label: label('EVENT_TYPE', e.kind),
      status: e.status,
      date: e.date.edtf,
      date_display: e.date.display,
      // Instants a time slider can use (QGIS's temporal controller, Kepler): null beyond what a Date holds.
      start: toDate(span.first)?.toISOString() ?? null,
      end: toDate(span.last)?.toISOString() ?? null,
      place: e.place,
      place_slug: where?.slug ?? null,
      place_name: where?.name ?? null,
      country: where?.country ?? null,
      tags: e.tags,
      participants: e.participants.map((p) => ({ name: p.actor.name, slug: p.actor.slug, role: label('ROLE_TYPE', p.role) })),
      citations: e.citations.map((c) => ({
        stance: c.stance,
        source: c.source.title,
        url: c.source.url,
        publisher: c.source.publisher?.name ?? null,
        published: c.source.published?.edtf ?? null,
        quote: c.quote,
      })),
      unsourced: e.unsourced,
    },
  };
}

function collectionHead(meta: ExportMeta): string {
  // Foreign members (RFC 7946 section 6.1) say how the export was made.
  const head = {
    type: 'FeatureCollection',
    name: 'chronicle-events',
    chronicle: { description: countText(meta), filter: meta.filter, dataTimestamp: meta.dataTimestamp, generator: `${meta.generator} ${meta.version}` },
  };
  return JSON.stringify(head).slice(0, -1);
}

export const geojson: ExportFormat = {
  name: 'geojson',
  extension: 'geojson',
  contentType: 'application/geo+json; charset=utf-8',
  description: 'GeoJSON: a FeatureCollection, one Feature per event at its place (null geometry where it has none), for QGIS, Leaflet and Kepler.',
  metaInBody: true,
  forReaders: true,
  async *write(records, meta, { label }) {
    yield `${collectionHead(meta)},"features":[`;
    let first = true;
    for await (const record of records) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(feature(record, label))}`;
      first = false;
    }
    yield '\n]}\n';
  },
};
