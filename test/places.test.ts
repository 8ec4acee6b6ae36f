// Places on the map: events at places with coordinates and gazetteer ids, found near a point or
// inside a box (one across the antimeridian too), carried by exports into another database, and
// exported as GeoJSON that a validator accepts and Leaflet draws, in Chromium, where they are.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { importText } from '../src/imports/import-text.js';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { openTestDatabase, useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, query, yoga } from './helpers/graphql.js';

const PLACES = {
  brussels: {
    slug: 'brussels',
    name: 'Brussels',
    kind: 'city',
    country: 'BE',
    latitude: 50.8467,
    longitude: 4.3525,
    externalIds: { geonames: '2800866', wikidata: 'Q239' },
  },
  nato: {
    slug: 'nato-headquarters',
    name: 'NATO headquarters',
    kind: 'building',
    country: 'BE',
    latitude: 50.8786,
    longitude: 4.4239,
    externalIds: { wikidata: 'Q1128181' },
  },
  taormina: { slug: 'taormina', name: 'Taormina', kind: 'town', country: 'IT', latitude: 37.8516, longitude: 15.2853, externalIds: { geonames: '2522876' } },
  washington: {
    slug: 'washington-dc',
    name: 'Washington, D.C.',
    kind: 'city',
    country: 'US',
    latitude: 38.9072,
    longitude: -77.0369,
    externalIds: { wikidata: 'Q61' },
  },
  equator: { slug: 'near-the-equator', name: 'Near the equator', latitude: 8.99, longitude: 0, externalIds: {} },
  north: { slug: 'far-north', name: 'Far north', latitude: 65.6, longitude: 37.5, externalIds: {} },
  suva: { slug: 'suva', name: 'Suva', kind: 'city', country: 'FJ', latitude: -18.1416, longitude: 178.4419, externalIds: { geonames: '2198148' } },
  somewhere: { slug: 'somewhere-unmapped', name: 'Somewhere unmapped', externalIds: {} },
};

const event = (slug: string, date: string, location: object | undefined) =>
  JSON.stringify({
    slug,
    title: slug.replaceAll('-', ' '),
    kind: 'meeting',
    status: 'REPORTED',
    date,
    participants: [],
    citations: [],
    unsourced: true,
    location,
  });

const FILE = [
  event('brussels-summit', '2017-05-25', PLACES.brussels),
  event('nato-dinner', '2017-05-25', PLACES.nato),
  event('g7-taormina', '2017-05-26/2017-05-27', PLACES.taormina),
  event('white-house-briefing', '2017-06-01', PLACES.washington),
  event('pacific-forum', '2017-09-05', PLACES.suva),
  event('equator-talk', '2017-07-01', PLACES.equator),
  event('north-talk', '2017-07-02', PLACES.north),
  event('unmapped-talk', '2017-06-02', PLACES.somewhere),
  event('nowhere-given', '2017-06-03', undefined),
].join('\n');

const database = useTestDatabase({
  prepare: async ({ client }) => {
    await importText(client, FILE, 'places.ndjson');
  },
});

const NEAR = graphql(`
  query ($filter: EventFilter) { events(filter: $filter, first: 50) { edges { node { slug } } } }
`);
const slugsOf = async (filter: object) => (await query(NEAR, { filter } as never)).events.edges.map((e) => e.node.slug).sort();

describe('events on the map', () => {
  it('are found near a point, by distance along the earth', async () => {
    // NATO headquarters is 6 km from the centre of Brussels; Taormina 1,700 km; Washington 6,000.
    expect(await slugsOf({ near: { latitude: 50.8467, longitude: 4.3525, km: 3 } })).toEqual(['brussels-summit']);
    expect(await slugsOf({ near: { latitude: 50.8467, longitude: 4.3525, km: 10 } })).toEqual(['brussels-summit', 'nato-dinner']);
    expect(await slugsOf({ near: { latitude: 50.8467, longitude: 4.3525, km: 2_000 } })).toEqual(['brussels-summit', 'g7-taormina', 'nato-dinner']);
    expect(await slugsOf({ near: { latitude: 50.8467, longitude: 4.3525, km: 6_500 } })).toContain('white-house-briefing');
    // At the edge of the circle, where a box of 111.32 km a degree would have left them out:
    // 999.6 km due north of (0, 0), and 1,970.6 km north-east of (60, 0).
    expect(await slugsOf({ near: { latitude: 0, longitude: 0, km: 1_000 } })).toEqual(['equator-talk']);
    expect(await slugsOf({ near: { latitude: 0, longitude: 0, km: 999 } })).toEqual([]);
    expect(await slugsOf({ near: { latitude: 60, longitude: 0, km: 2_000 } })).toContain('north-talk');
    // Near the antimeridian: Suva from a point on its other side.
    expect(await slugsOf({ near: { latitude: -18, longitude: -179.9, km: 200 } })).toEqual(['pacific-forum']);
  });

  it('are found inside a box, one across the antimeridian too, and with the other filters', async () => {
    expect(await slugsOf({ bbox: { west: -10, south: 35, east: 30, north: 60 } })).toEqual(['brussels-summit', 'g7-taormina', 'nato-dinner']);
    expect(await slugsOf({ bbox: { west: 170, south: -30, east: -170, north: 0 } })).toEqual(['pacific-forum']);
    expect(await slugsOf({ bbox: { west: -10, south: 35, east: 30, north: 60 }, from: '2017-05-26' })).toEqual(['g7-taormina']);
  });

  it('refuses a point or box that is not one, saying what to fix', async () => {
    const refused = await yoga.fetch('http://yoga/export/events.geojson?near=50.8,4.3');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toBe('near: must be 3 numbers, latitude,longitude,km: near=50.85,4.35,10');
    const south = await yoga.fetch('http://yoga/export/events.csv?bbox=4,51,5,50');
    expect((await south.json()).error).toMatchObject({ argument: 'filter.bbox.south', message: expect.stringContaining('must be south of north') });
    const empty = await yoga.fetch('http://yoga/export/events.csv?near=50.85,,10');
    expect((await empty.json()).error.message).toContain('near: must be 3 numbers');
    const far = await yoga.fetch('http://yoga/export/events.csv?near=91,4,10');
    expect((await far.json()).error).toMatchObject({ argument: 'filter.near.latitude' });
  });

  it('have their place with its coordinates and gazetteer ids', async () => {
    const PLACE = graphql(`
      query { event(slug: "brussels-summit") { place location { slug name kind country latitude longitude externalIds { scheme value } eventCount } } }
    `);
    expect((await query(PLACE, {})).event).toEqual({
      place: null,
      location: {
        slug: 'brussels',
        name: 'Brussels',
        kind: 'city',
        country: 'BE',
        latitude: 50.8467,
        longitude: 4.3525,
        externalIds: [
          { scheme: 'geonames', value: '2800866' },
          { scheme: 'wikidata', value: 'Q239' },
        ],
        eventCount: 1,
      },
    });
  });

  it('are listed with how many live events each holds, counted for a page in one statement', async () => {
    const client = database().client;
    const second = event('brussels-press', '2017-05-25', PLACES.brussels);
    const retired = event('brussels-retired', '2017-05-25', PLACES.brussels);
    await importText(client, `${second}\n${retired}\n`, 'more.ndjson');
    await client.event.update({ where: { slug: 'brussels-retired' }, data: { retiredAt: new Date() } });
    const LIST = graphql(`query ($first: Int!) { places(first: $first) { edges { node { slug eventCount eventCountExact } } } }`);
    const statements = async (first: number) => {
      const before = database().statements.count;
      const { places } = await query(LIST, { first });
      return { count: database().statements.count - before, places: places.edges.map((e) => e.node) };
    };
    const [small, large] = [await statements(2), await statements(8)];
    expect(large.places.find((p) => p.slug === 'brussels')).toEqual({ slug: 'brussels', eventCount: 2, eventCountExact: true });
    expect(large.places.filter((p) => p.slug !== 'brussels').map((p) => p.eventCount)).toEqual(Array(7).fill(1));
    expect(large.count).toBe(small.count);
  });

  it('keep the place they had at a moment of record time, alone and in a list', async () => {
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { createApiToken } = await import('../src/auth/api-tokens.js');
    const { secret } = await createApiToken(database().client, 'mover', 'WRITE');
    const EVENT = graphql(`query ($asOf: DateTime) { event(slug: "brussels-summit", asOf: $asOf) { id revision location { slug latitude } } }`);
    const now = (await query(EVENT, {})).event!;
    const MOVE = graphql(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename } }`);
    const moved = await executeAs(secret, MOVE, { input: { id: now.id, basedOnRevision: now.revision, changes: { location: 'taormina' } } } as never);
    expect(moved.data?.updateEvent.__typename).toBe('UpdateEventPayload');
    expect((await query(EVENT, {})).event!.location).toEqual({ slug: 'taormina', latitude: 37.8516 });
    expect((await query(EVENT, { asOf: before.toISOString() })).event!.location).toEqual({ slug: 'brussels', latitude: 50.8467 });
    const LIST = graphql(
      `query ($asOf: DateTime) { events(filter: { near: { latitude: 50.8467, longitude: 4.3525, km: 3 } }, asOf: $asOf) { edges { node { slug } } } }`,
    );
    expect((await query(LIST, {})).events.edges).toEqual([]);
    expect((await query(LIST, { asOf: before.toISOString() })).events.edges.map((e) => e.node.slug)).toEqual(['brussels-summit']);
  });

  it('keep what a later file leaves out of their place, and a file saying two things of one place is warned of', async () => {
    const partial = [
      event('brussels-press', '2017-05-26', { slug: 'brussels', name: 'Brussels' }),
      event('brussels-press-2', '2017-05-27', { slug: 'brussels', name: 'Brussels', kind: 'capital' }),
    ].join('\n');
    const report = await importText(database().client, partial, 'later.ndjson');
    expect(report.warnings).toContain('later.ndjson: place "brussels" is given with different fields in different rows; the last was kept');
    expect(await database().client.place.findUniqueOrThrow({ where: { slug: 'brussels' } })).toMatchObject({
      kind: 'capital',
      country: 'BE',
      latitude: 50.8467,
      longitude: 4.3525,
      externalIds: { geonames: '2800866', wikidata: 'Q239' },
    });
    expect(await slugsOf({ near: { latitude: 50.8467, longitude: 4.3525, km: 3 } })).toEqual(['brussels-press', 'brussels-press-2', 'brussels-summit']);
  });

  it('warns of a place given two ways once, however far apart its rows are (batches of 2,000 events)', async () => {
    const rows = Array.from({ length: 2_100 }, (_, i) =>
      // The first batch says one thing of Taormina, each row of the second another.
      event(`talk-${i}`, '2017-06-05', i < 2_000 ? PLACES.taormina : { ...PLACES.taormina, kind: 'city' }),
    );
    const report = await importText(database().client, rows.join('\n'), 'far-apart.ndjson');
    expect(report.warnings.filter((w) => w.includes('place'))).toEqual([
      'far-apart.ndjson: place "taormina" is given with different fields in different rows; the last was kept',
    ]);
    expect(await database().client.place.findUniqueOrThrow({ where: { slug: 'taormina' } })).toMatchObject({ kind: 'city', country: 'IT' });
  }, 60_000);

  it('travel with their places through an export into another database', async () => {
    const exported = await (await yoga.fetch('http://yoga/export/events.ndjson')).text();
    const copy = await openTestDatabase({ seed: false });
    try {
      await importText(copy.client, exported, 'copy.ndjson');
      const places = (client: PrismaClient) =>
        client.place.findMany({
          orderBy: { slug: 'asc' },
          select: { slug: true, name: true, kind: true, country: true, latitude: true, longitude: true, externalIds: true },
        });
      const located = (client: PrismaClient) =>
        client.event.findMany({ where: { locationId: { not: null } }, orderBy: { slug: 'asc' }, select: { slug: true, location: { select: { slug: true } } } });
      expect(await places(copy.client)).toEqual(await places(database().client));
      expect(await located(copy.client)).toEqual(await located(database().client));
    } finally {
      await copy.close();
    }
  }, 60_000);
});

describe('a GeoJSON export', () => {
  it('is valid GeoJSON: a Feature per event, longitude first, null geometry where there is no place on the map', async () => {
    const response = await yoga.fetch('http://yoga/export/events.geojson?from=2017-05-25&to=2017-09-30&type=meeting');
    expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const text = await response.text();
    const collection = check(text) as unknown as {
      features: { id: string; geometry: { coordinates: number[] } | null; properties: Record<string, unknown> }[];
    };
    const byId = new Map(collection.features.map((f) => [f.id, f]));
    expect(byId.get('g7-taormina')!.geometry).toEqual({ type: 'Point', coordinates: [15.2853, 37.8516] });
    expect(byId.get('g7-taormina')!.properties).toMatchObject({
      title: 'g7 taormina',
      type_label: 'Meeting',
      date: '2017-05-26/2017-05-27',
      start: '2017-05-26T00:00:00.000Z',
      end: '2017-05-27T23:59:59.999Z',
      place_name: 'Taormina',
      country: 'IT',
    });
    expect(byId.get('unmapped-talk')!.geometry).toBeNull();
    expect(byId.get('nowhere-given')!.geometry).toBeNull();
  });
});

let server: Server | undefined;
afterAll(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));

describe.skipIf(!hasBrowser)('a GeoJSON export in Leaflet', () => {
  it('draws a marker at each place, where it is', async () => {
    const leaflet = path.resolve(import.meta.dirname, '../node_modules/leaflet/dist');
    const page = `<!doctype html><html><head><link rel="stylesheet" href="/leaflet/leaflet.css"><script src="/leaflet/leaflet.js"></script></head>
      <body><div id="map" style="width: 800px; height: 500px"></div><script>
        fetch('/export/events.geojson').then((r) => r.json()).then((data) => {
          const map = L.map('map').setView([30, 0], 2);
          const layer = L.geoJSON(data).addTo(map);
          window.drawn = layer.getLayers().map((m) => ({ id: m.feature.id, at: [m.getLatLng().lat, m.getLatLng().lng] }));
        });
      </script></body></html>`;
    server = createServer(async (req, res) => {
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else if (req.url?.startsWith('/leaflet/')) {
        const body = await readFile(path.join(leaflet, req.url.slice('/leaflet/'.length))).catch(() => null);
        if (body) res.writeHead(200, { 'content-type': req.url.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(body);
        else res.writeHead(404).end();
      } else yoga(req, res);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await tab.waitForFunction(() => (window as unknown as { drawn?: unknown }).drawn !== undefined, undefined, { timeout: 20_000 });
      const drawn = (await tab.evaluate(() => (window as unknown as { drawn: { id: string; at: number[] }[] }).drawn)).sort((a, b) => a.id.localeCompare(b.id));
      expect(drawn).toEqual([
        { id: 'brussels-summit', at: [50.8467, 4.3525] },
        { id: 'equator-talk', at: [8.99, 0] },
        { id: 'g7-taormina', at: [37.8516, 15.2853] },
        { id: 'nato-dinner', at: [50.8786, 4.4239] },
        { id: 'north-talk', at: [65.6, 37.5] },
        { id: 'pacific-forum', at: [-18.1416, 178.4419] },
        { id: 'white-house-briefing', at: [38.9072, -77.0369] },
      ]);
      expect(await tab.locator('.leaflet-marker-icon').count()).toBe(7);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
