// The web explorer (web/), served at `/` from what `npm run build` made of it (dist/web): its page,
// and its script and stylesheet under /assets/. The assets' names carry a hash of what they hold,
// so browsers keep them for a year; the page is asked for again each time. Files are read on the
// first request and kept, gzipped too, in memory (they are small): a new build is served after a
// restart. A build that is missing or unreadable is looked for again at the next request.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../lib/project-root.js';

const BUILT = path.join(PROJECT_ROOT, 'dist/web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * The page may run only its own script, and read only this server: nothing the data holds can
 * load or run anything else. Styles may be set inline: the timeline positions its items so.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

interface File {
  body: Buffer<ArrayBuffer>;
  gzipped: Buffer<ArrayBuffer>;
  headers: Record<string, string>;
}

async function readBuilt(): Promise<Map<string, File> | null> {
  const files = new Map<string, File>();
  const add = async (urlPath: string, file: string, headers: Record<string, string>) => {
    const body = (await readFile(file)) as Buffer<ArrayBuffer>;
    files.set(urlPath, {
      body,
      gzipped: gzipSync(body) as Buffer<ArrayBuffer>,
      headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers },
    });
  };
  try {
    await add('/', path.join(BUILT, 'index.html'), { 'cache-control': 'no-cache', 'content-security-policy': CONTENT_SECURITY_POLICY });
    for (const name of await readdir(path.join(BUILT, 'assets'))) {
      await add(`/assets/${name}`, path.join(BUILT, 'assets', name), { 'cache-control': 'public, max-age=31536000, immutable' });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return files;
}

export function explorerRoute(): Plugin {
  let built: Promise<Map<string, File> | null> | undefined;
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/' && !url.pathname.startsWith('/assets/')) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      built ??= readBuilt();
      const files = await built.catch((error: unknown) => {
        built = undefined;
        throw error;
      });
      if (!files) built = undefined;
      const file = files?.get(url.pathname);
      if (!file) {
        const message = files ? 'Not found.' : 'The web explorer is not built: run `npm run build`. The API is at /graphql.';
        endResponse(new fetchAPI.Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const body = gzip ? file.gzipped : file.body;
      const headers = {
        ...file.headers,
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
        'content-length': String(body.length),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      };
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
