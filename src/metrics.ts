// GET /metrics in Prometheus's text format: GraphQL requests and their durations per operation
// (@graphql-yoga/plugin-prometheus), exports and the rows they wrote, the database pool, and the
// process itself (memory, CPU, event-loop lag). Each server has a registry of its own.
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Metrics {
  registry: Registry;
  plugin: Plugin;
  /** An export started, by format name. */
  exportStarted(format: string): void;
  /** One more row written by an export of that format. */
  exportRow(format: string): void;
}

export function createMetrics(options: { pool?: () => PoolStats | null } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chronicle_' });
  const exports = new Counter({ name: 'chronicle_exports_total', help: 'Exports started, by format', labelNames: ['format'], registers: [registry] });
  const rows = new Counter({ name: 'chronicle_export_rows_total', help: 'Rows written by exports, by format', labelNames: ['format'], registers: [registry] });
  new Gauge({
    name: 'chronicle_database_pool_connections',
    help: 'Connections of the PostgreSQL pool, by state (total, idle, waiting for one); none on the embedded database',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = options.pool?.();
      if (!stats) return;
      for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
    },
  });
  const plugin = usePrometheus({
    registry,
    endpoint: METRICS_PATH,
    // Per operation: how many, how long (the whole HTTP request and the execution), which failed.
    // No per-resolver or per-phase series: their cost would show in every request.
    metrics: {
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_yoga_http_duration: true,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: true,
      graphql_envelop_schema_change: false,
    },
    // A request's URL carries its variables: one series per URL would grow without bound.
    labels: { operationName: true, operationType: true, method: true, statusCode: true, url: false },
  });
  return {
    registry,
    plugin,
    exportStarted: (format) => exports.inc({ format }),
    exportRow: (format) => rows.inc({ format }),
  };
}
