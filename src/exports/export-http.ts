// GET /export/events.{csv,ndjson,json,ics,jsonld,geojson} and /export/timelinejs.json, taking the same
// filter as the events query, streamed; /export/events.meta.json says how such an export is made.
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createHash } from 'node:crypto';
import Negotiator from 'negotiator';
import { checkedLocale } from '../dates/localized-display.js';
import { readDataVersion } from '../cache/data-version.js';
import type { EventFilter } from '../events/event-filter.js';
import { InputError, UNEXPECTED } from '../lib/errors.js';
import { VERSION } from '../lib/version.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { describeExport, fileName, prepareExport, type PreparedExport } from './export.js';
import { FORMATS } from './formats/index.js';
import type { ExportFormat, ExportMeta } from './formats/format.js';
import type { RunningExports } from './running-exports.js';
import { filterFromParams } from './filter-params.js';
import { clientAddress, type NodeContext } from '../http/client-address.js';
import type { Access } from '../auth/access.js';

const CHUNK_BYTES = 64 * 1024;

/** The download path of a format. */
export function exportPath(format: ExportFormat): string {
  return format.name === 'timelinejs' ? '/export/timelinejs.json' : `/export/events.${format.extension}`;
}

const ROUTES = new Map(FORMATS.map((f) => [exportPath(f), f]));
const META_PATH = '/export/events.meta.json';

/**
 * The languages an export is read in, by preference: `lang=fr,de` when given, else the request's
 * Accept-Language (Negotiator: by quality, "*" and q=0 left out). A tag that is not one is refused.
 */
function languagesAsked(lang: string[] | undefined, acceptLanguage: string | null): string[] {
  const given = lang
    ?.flatMap((value) => value.split(','))
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (given?.length) return given.map((tag) => checkedLocale(tag, 'lang'));
  if (!acceptLanguage) return [];
  return new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages().flatMap((tag) => {
    try {
      return Intl.getCanonicalLocales(tag);
    } catch {
      return []; // a browser's odd tag is no reason to refuse a download
    }
  });
}

function paramsOf(url: URL): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) params.set(name, [...(params.get(name) ?? []), value]);
  return params;
}

interface StreamOptions {
  /** The request's signal: aborts when the client goes away. */
  signal: AbortSignal;
  running: RunningExports;
  /** Frees the export's place, however it ends. */
  release: () => void;
  /** Closes the connection at once, so that a download cut short cannot pass for a whole one. */
  cut: () => void;
  /** Told when the reader has taken nothing for the stall limit, before the export is ended. */
  onStall: () => void;
  ReadableStreamImpl: typeof ReadableStream;
}

/**
 * Pulls the body as the client reads it, in chunks of about 64 KiB. A client that goes away (the
 * request's signal aborts) or stops reading for the stall limit, or a server that stops, ends the
 * iteration, and with it the reading of the database; `running` holds the export until its last
 * read has finished.
 */
function streamOf(chunks: AsyncIterable<string>, options: StreamOptions): ReadableStream<Uint8Array> {
  const { signal, running } = options;
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let ended: Promise<void> | undefined;
  // Ends the iteration once, however many ways it is asked to: the generator's finally waits for
  // a batch still being read.
  const end = () =>
    (ended ??= Promise.resolve(iterator.return?.()).then(
      () => undefined,
      () => undefined,
    ));
  let settle!: () => void;
  running.track(new Promise<void>((resolve) => (settle = resolve)));
  let stall: NodeJS.Timeout | undefined;
  const onClientGone = () => void end().then(finished);
  const onServerStopping = () => fail('the server is stopping');
  const finished = () => {
    clearTimeout(stall);
    // Removed by hand: Node drops the removers that addEventListener's `signal` option registers,
    // all but the last per target, when it collects garbage, and the server's long-lived signal
    // then kept one listener per export ended (seen on Node 24 under load).
    signal.removeEventListener('abort', onClientGone);
    running.stopping.removeEventListener('abort', onServerStopping);
    options.release();
    settle();
  };
  // Set when the stream starts, which a ReadableStream other than Node's own may do later.
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  let failure: Error | undefined;
  // The download fails rather than end as if it were whole, and its connection closes now rather
  // than hold the server's drain or a place among the exports.
  const fail = (reason: string) => {
    if (failure) return;
    failure = new Error(reason);
    stream?.error(failure);
    options.cut();
    void end().then(finished);
  };
  const watchForStall = () => {
    clearTimeout(stall);
    stall = setTimeout(() => {
      options.onStall();
      fail('the client stopped reading');
    }, running.limits.stallMs);
  };
  // A client gone before the stream was made (a slow count under load) has had its abort event
  // already: whether its place is freed must not depend on the adapter cancelling the body.
  if (signal.aborted) onClientGone();
  else signal.addEventListener('abort', onClientGone, { once: true });
  running.stopping.addEventListener('abort', onServerStopping, { once: true });
  return new options.ReadableStreamImpl({
    start(controller) {
      stream = controller;
      if (failure) controller.error(failure);
    },
    async pull(controller) {
      clearTimeout(stall);
      let buffered = '';
      while (buffered.length < CHUNK_BYTES) {
        const { value, done } = await iterator.next();
        if (failure) return;
        if (done || signal.aborted) {
          if (buffered) controller.enqueue(encoder.encode(buffered));
          controller.close();
          await end();
          finished();
          return;
        }
        buffered += value;
      }
      controller.enqueue(encoder.encode(buffered));
      watchForStall();
    },
    async cancel() {
      await end();
      finished();
    },
  });
}

/**
 * JSON in ASCII: a header value is bytes of Latin-1 at most, so "Łódź" goes as "\u0141\u00f3d\u017a",
 * which any JSON parser reads back as it was. Node refuses to send a header beyond Latin-1.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function metaHeaders(meta: ExportMeta): Record<string, string> {
  return {
    [meta.countExact ? 'chronicle-export-count' : 'chronicle-export-count-more-than']: String(meta.count),
    'chronicle-export-version': meta.version,
    'chronicle-export-data-timestamp': meta.dataTimestamp ?? '',
    'chronicle-export-filter': asciiJson(meta.filter),
  };
}

/**
 * An export's ETag: the data version, and what was asked (path, filter, Chronicle's version). The
 * same tag means the same bytes, so a client that has them gets 304 Not Modified without a read.
 */
async function exportTag(db: PrismaClient, path: string, filter: EventFilter, languages: string[]): Promise<string> {
  const asked = createHash('sha256')
    .update(JSON.stringify([path, filter ?? {}, languages, VERSION]))
    .digest('base64url');
  return `"${await readDataVersion(db)}/${asked}"`;
}

/** If-None-Match: "*", or a list of tags, weak (W/) or strong; RFC 9110 compares them weakly. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** The export routes, reading the database `client()` gives. */
export function exportRoutes(logger: Logger, client: () => PrismaClient, access: Access, running: RunningExports, metrics?: Metrics): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI, serverContext }) {
      const format = ROUTES.get(url.pathname);
      if (!format && url.pathname !== META_PATH) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response('Use GET.', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      try {
        const allowed = await access.check(request, 'read');
        if ('refused' in allowed) {
          endResponse(allowed.refused);
          return;
        }
        let rows = 0;
        const params = paramsOf(url);
        // A browser's language reads the formats people read; the data formats (CSV, NDJSON, JSON),
        // which go back into databases, are read in another only when lang= asks.
        const languages = languagesAsked(params.get('lang'), format?.forReaders ? request.headers.get('accept-language') : null);
        params.delete('lang');
        const filter = filterFromParams(params);
        const etag = await exportTag(client(), url.pathname, filter, languages);
        if (matches(request.headers.get('if-none-match'), etag)) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers: { etag } }));
          return;
        }
        // The meta document, which waits for nothing, counts every match; it reads no records.
        if (!format) {
          endResponse(fetchAPI.Response.json(await describeExport(client(), filter, 'all'), { headers: { etag } }));
          return;
        }
        // The same URL reads otherwise in another language: caches keep one copy per Accept-Language.
        const headers = {
          'content-type': format.contentType,
          'content-disposition': `attachment; filename="${fileName(format)}"`,
          etag,
          ...(format.forReaders ? { vary: 'accept-language' } : {}),
        };
        // A download starts at once, its count bounded.
        if (request.method === 'HEAD') {
          endResponse(new fetchAPI.Response(null, { headers: { ...headers, ...metaHeaders(await describeExport(client(), filter, 'bounded')) } }));
          return;
        }
        const place = running.admit(clientAddress(serverContext));
        if ('refused' in place) {
          endResponse(fetchAPI.Response.json({ error: { message: place.refused } }, { status: 429, headers: { 'retry-after': '30' } }));
          return;
        }
        let prepared: PreparedExport;
        try {
          prepared = await prepareExport(client(), format, filter, {
            count: 'bounded',
            languages,
            onRecord: () => {
              rows += 1;
              metrics?.exportRow(format.name);
            },
          });
        } catch (error) {
          place.release();
          throw error;
        }
        metrics?.exportStarted(format.name);
        let complete = false;
        async function* body() {
          yield* prepared.body;
          complete = true;
        }
        const progress = () => ({ path: url.pathname, rows, of: prepared.meta.count, countExact: prepared.meta.countExact });
        request.signal.addEventListener(
          'abort',
          () => {
            if (!complete) logger.info(progress(), 'export stopped: the client went away');
          },
          { once: true },
        );
        const stream = streamOf(body(), {
          signal: request.signal,
          running,
          release: place.release,
          cut: () => (serverContext as NodeContext).res?.destroy(),
          onStall: () => logger.info(progress(), `export stopped: the client read nothing for ${running.limits.stallMs / 1000} s`),
          ReadableStreamImpl: fetchAPI.ReadableStream,
        });
        endResponse(new fetchAPI.Response(stream, { headers: { ...headers, ...metaHeaders(prepared.meta) } }));
      } catch (error) {
        if (error instanceof InputError) {
          endResponse(fetchAPI.Response.json({ error: { message: error.message, argument: error.argument } }, { status: 400 }));
          return;
        }
        // The cause goes to the log; the response says only that it was not the client's mistake.
        logger.error({ err: error, path: url.pathname }, 'export failed');
        endResponse(fetchAPI.Response.json({ error: { message: UNEXPECTED } }, { status: 500 }));
      }
    },
  };
}
