// How a GraphQL request may arrive over POST: as JSON, and not too large.
//
// JSON only, because a page on another site can make a browser send a form (urlencoded or
// multipart) or text/plain with no preflight, and with whatever cookies or network position the
// browser has (CSRF). A JSON POST from another origin needs a preflight, which CORS rules on.
// A GET cannot run a mutation (Yoga answers 405), so it stays open to links and caches.
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { boundedBody } from './bounded-body.js';

/** The largest GraphQL request body read: far above any real operation and its variables. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/graphql+json'];

function refused(status: number, code: string, message: string): Error {
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}

function isJson(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && JSON_TYPES.includes(type);
}

/** The body as text, refused past MAX_BODY_BYTES (as declared or as read) or when not UTF-8. */
async function boundedText(request: Request): Promise<string> {
  const body = await boundedBody(request, MAX_BODY_BYTES);
  if (body === null) {
    throw refused(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes: send a smaller operation or fewer variables.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw refused(400, 'BAD_REQUEST', 'The request body is not valid UTF-8: send JSON encoded as UTF-8.');
  }
}

async function parseJsonBody(request: Request) {
  const text = await boundedText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw refused(400, 'BAD_REQUEST', `The request body is not valid JSON (${(error as Error).message}): send {"query": "...", "variables": {...}}.`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw refused(400, 'BAD_REQUEST', 'The request body must be a JSON object: {"query": "...", "variables": {...}}.');
  }
  return body as Record<string, unknown>;
}

export function graphqlRequestBody(): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST') return;
      if (!isJson(request)) {
        throw refused(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'POST a GraphQL request as JSON (Content-Type: application/json). Forms and plain text are refused, so that a page on another site cannot run operations through a browser.',
        );
      }
      setRequestParser(parseJsonBody);
    },
  };
}
