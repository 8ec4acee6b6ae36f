import { InputError } from '../lib/errors.js';
import { FORMATS, fileName, prepareExport } from './export.js';
import { filterFromParams } from './filter-params.js';
const CHUNK_BYTES = 64 * 1024;
/** The download path of a format. */
export function exportPath(format) {
    return format.name === 'timelinejs' ? '/export/timelinejs.json' : `/export/events.${format.extension}`;
}
const ROUTES = new Map(FORMATS.map((f) => [exportPath(f), f]));
const META_PATH = '/export/events.meta.json';
function paramsOf(url) {
    const params = new Map();
    for (const [name, value] of url.searchParams)
        params.set(name, [...(params.get(name) ?? []), value]);
    return params;
}
/**
 * Pulls the body as the client reads it, in chunks of about 64 KiB. A client that goes away (the
 * request's signal aborts), or a server that stops, ends the iteration, and with it the reading of the
 * database; `running` holds the export until its last read has finished.
 */
function streamOf(chunks, signal, running, cut, ReadableStreamImpl) {
    const iterator = chunks[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    let ended;
    // Ends the iteration once, however many ways it is asked to: the generator's finally waits for
    // a batch still being read.
    const end = () => (ended ??= Promise.resolve(iterator.return?.()).then(() => undefined, () => undefined));
    let finished;
    running.track(new Promise((resolve) => (finished = resolve)));
    let stream;
    const stopped = () => signal.aborted || running.stopping.aborted;
    signal.addEventListener('abort', () => void end().then(finished), { once: true });
    running.stopping.addEventListener('abort', () => {
        // Stopped by the server, the download fails rather than end as if it were whole, and its
        // connection closes now rather than hold the server's drain.
        stream.error(new Error('the server is stopping'));
        cut();
        void end().then(finished);
    }, { once: true });
    return new ReadableStreamImpl({
        start(controller) {
            stream = controller;
        },
        async pull(controller) {
            let buffered = '';
            while (buffered.length < CHUNK_BYTES) {
                const { value, done } = await iterator.next();
                if (running.stopping.aborted)
                    return;
                if (done || stopped()) {
                    if (buffered)
                        controller.enqueue(encoder.encode(buffered));
                    controller.close();
                    await end();
                    finished();
                    return;
                }
                buffered += value;
            }
            controller.enqueue(encoder.encode(buffered));
        },
        async cancel() {
            await end();
            finished();
        },
    });
}
function metaHeaders(meta) {
    return {
        'chronicle-export-count': String(meta.count),
        'chronicle-export-version': meta.version,
        'chronicle-export-data-timestamp': meta.dataTimestamp ?? '',
        'chronicle-export-filter': JSON.stringify(meta.filter),
    };
}
/** The export routes, reading the database `client()` gives. */
export function exportRoutes(logger, client, running) {
    return {
        async onRequest({ url, request, endResponse, fetchAPI, serverContext }) {
            const format = ROUTES.get(url.pathname);
            if (!format && url.pathname !== META_PATH)
                return;
            if (request.method !== 'GET' && request.method !== 'HEAD') {
                endResponse(new fetchAPI.Response('Use GET.', { status: 405, headers: { allow: 'GET, HEAD' } }));
                return;
            }
            try {
                let rows = 0;
                const prepared = await prepareExport(client(), format ?? FORMATS[0], filterFromParams(paramsOf(url)), () => (rows += 1));
                if (!format) {
                    endResponse(fetchAPI.Response.json(prepared.meta));
                    return;
                }
                request.signal.addEventListener('abort', () => {
                    if (rows < prepared.meta.count)
                        logger.info({ path: url.pathname, rows, of: prepared.meta.count }, 'export stopped: the client went away');
                }, { once: true });
                endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : streamOf(prepared.body, request.signal, running, () => serverContext.res?.destroy(), fetchAPI.ReadableStream), {
                    headers: {
                        'content-type': format.contentType,
                        'content-disposition': `attachment; filename="${fileName(format)}"`,
                        ...metaHeaders(prepared.meta),
                    },
                }));
            }
            catch (error) {
                if (!(error instanceof InputError))
                    throw error;
                endResponse(fetchAPI.Response.json({ error: { message: error.message, argument: error.argument } }, { status: 400 }));
            }
        },
    };
}
//# sourceMappingURL=export-http.js.map