// Export URLs written by hand or by an attacker: every answer is a 400 naming the parameter, or the
// export itself; never a hang, a 500 or the server's internals.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { assertNoInternals, yoga } from '../helpers/graphql.js';

const database = useTestDatabase();

async function download(path: string) {
  const response = await yoga.fetch(`http://yoga${path}`);
  const text = await response.text();
  if (response.status >= 400) assertNoInternals(text);
  return { status: response.status, headers: response.headers, text };
}

describe('an export asked for with hostile parameters', () => {
  it.each([
    ['text', 'a%00b', 'filter.text', 'U+0000 (a control character) at character 2: remove it'],
    ['place', 'Brussels%1B', 'filter.place', 'U+001B (a control character) at character 9: remove it'],
    ['actor', 'donald%00trump', 'filter.actors[0]', 'U+0000 (a control character) at character 7: remove it'],
    ['tag', 'nato%00', 'filter.tags[0]', 'U+0000 (a control character) at character 5: remove it'],
  ])('refuses a control character in %s with a 400 naming it', async (parameter, value, argument, problem) => {
    const { status, text } = await download(`/export/events.csv?${parameter}=${value}`);
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: { message: `${argument}: ${problem}`, argument } });
  });

  it('takes year 0000 (1 BC) as a date', async () => {
    const { status, headers } = await download('/export/events.ndjson?from=0000&to=0000-01-01');
    expect(status).toBe(200);
    expect(headers.get('chronicle-export-count')).toBe('0');
  });

  it('treats % and _ in place as the characters they are, not wildcards', async () => {
    await database().client.event.update({ where: { slug: 'trump-macron-brussels-meeting' }, data: { place: '100% Brussels_residence' } });
    const count = async (place: string) => (await download(`/export/events.csv?place=${encodeURIComponent(place)}`)).headers.get('chronicle-export-count');
    expect(await count('%')).toBe('1');
    expect(await count('_')).toBe('1');
    expect(await count('B%s')).toBe('0');
    expect(await count('Washingto_')).toBe('0');
  });

  it('answers a filter in any script over real HTTP, its header in ASCII that JSON reads back', async ({ onTestFinished }) => {
    const server = createServer(yoga);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    for (const place of ['Łódź', '漢字', 'Peña "quoted"']) {
      const response = await fetch(`http://127.0.0.1:${port}/export/events.csv?place=${encodeURIComponent(place)}`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(200);
      const header = response.headers.get('chronicle-export-filter')!;
      expect(header).toMatch(/^[\x20-\x7e]*$/);
      expect(JSON.parse(header)).toEqual({ place });
      await response.text();
    }
  });
});
