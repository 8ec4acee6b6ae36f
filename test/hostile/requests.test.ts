// Requests a browser on another site could send, and bodies no client needs: refused before any
// operation runs, with a status and a message that say what to send instead.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/request-body.js';
import { useTestDatabase } from '../helpers/database.js';
import { yoga } from '../helpers/graphql.js';

useTestDatabase();

const post = (body: BodyInit, contentType: string) => yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': contentType }, body });

describe('a page on another site cannot run operations through a visitor’s browser (CSRF)', () => {
  it.each([
    ['an HTML form', 'application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
    [
      'a multipart form',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{__typename}"}\r\n--x--',
    ],
    ['plain text', 'text/plain', '{"query":"{__typename}"}'],
  ])('refuses %s with 415, naming the content type to use', async (_name, contentType, body) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(415);
    const { errors } = await response.json();
    expect(errors[0].message).toContain('Content-Type: application/json');
    expect(errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('still answers JSON, and GET for links and caches', async () => {
    expect(await (await post('{"query":"{__typename}"}', 'application/json; charset=utf-8')).json()).toEqual({ data: { __typename: 'Query' } });
    expect(await (await yoga.fetch('http://yoga/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json' } })).json()).toEqual({
      data: { __typename: 'Query' },
    });
  });
});

describe('a body no client needs', () => {
  it('is refused with 413 past the limit, whether declared or not', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    const declared = await post(big, 'application/json');
    expect(declared.status).toBe(413);
    expect((await declared.json()).errors[0].message).toContain(`larger than ${MAX_BODY_BYTES} bytes`);
    // Sent as a stream, without a Content-Length: cut off as it passes the limit.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }","variables":{"pad":"'));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > 4 * MAX_BODY_BYTES) controller.close();
      },
    });
    const streamed = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(4 * MAX_BODY_BYTES);
  });

  it('is refused with 400 when it is not UTF-8, not JSON, or not an object', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"query":"{ event(slug: \\"pe'), 0xf1, ...new TextEncoder().encode('a\\") { slug } }"}')]);
    for (const [body, message] of [
      [latin1, 'not valid UTF-8'],
      ['{"query": ', 'not valid JSON'],
      ['"{ __typename }"', 'must be a JSON object'],
      ['[{"query":"{ __typename }"}]', 'must be a JSON object'],
    ] as const) {
      const response = await post(body, 'application/json');
      expect(response.status, String(body)).toBe(400);
      expect((await response.json()).errors[0].message).toContain(message);
    }
  });
});
