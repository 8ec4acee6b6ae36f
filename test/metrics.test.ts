// GET /metrics: what an operator's Prometheus scrapes, counted from real requests.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { createChronicleYoga } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';

const database = useTestDatabase();

function server() {
  return createChronicleYoga(createLogger('silent'), {
    client: () => database().client,
    metrics: createMetrics({ pool: () => database().poolStats() }),
  });
}

/** The value of one series, by its name and labels as Prometheus writes them. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts operations by name, with durations, and export rows by format', async () => {
    const yoga = server();
    for (let i = 0; i < 3; i += 1) {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Leaks { events(filter: { kinds: [LEAK] }) { edges { node { slug } } } }' }),
      });
      expect(response.status).toBe(200);
    }
    const csv = await (await yoga.fetch('http://yoga/export/events.csv?kind=LEAK')).text();
    const rows = csv.trimEnd().split('\r\n').length - 1;

    const response = await yoga.fetch('http://yoga/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(sample(text, 'graphql_envelop_request{operationName="Leaks",operationType="query"}')).toBe(3);
    expect(sample(text, 'graphql_envelop_request_duration_count{operationName="Leaks",operationType="query"}')).toBe(3);
    expect(sample(text, 'graphql_yoga_http_duration_count{method="POST",statusCode="200",operationType="query",operationName="Leaks"}')).toBe(3);
    expect(sample(text, 'chronicle_exports_total{format="csv"}')).toBe(1);
    expect(sample(text, 'chronicle_export_rows_total{format="csv"}')).toBe(rows);
    expect(rows).toBe(5);
    expect(sample(text, 'chronicle_process_resident_memory_bytes')).toBeGreaterThan(0);
    // A URL carries variables: as a label it would make a series per request.
    expect(text).not.toMatch(/url="/);
  });

  it('says how busy the PostgreSQL pool is, and nothing about a pool on the embedded database', async () => {
    const text = await (await server().fetch('http://yoga/metrics')).text();
    const total = sample(text, 'chronicle_database_pool_connections{state="total"}');
    if (database().target.kind === 'postgres') expect(total).toBeGreaterThanOrEqual(1);
    else expect(total).toBeUndefined();
  });
});
