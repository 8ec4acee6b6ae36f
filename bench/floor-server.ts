// The bench's floor for the timeline page: node:http and one json_agg statement (bench/floors.ts),
// nothing else. `GET /timeline` on DATABASE_URL; prints "floor at URL" once listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { FLOOR_TIMELINE_SQL } from './floors.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createServer(async (_request, response) => {
  const { rows } = await pool.query<{ body: unknown }>(FLOOR_TIMELINE_SQL);
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]!.body));
});
server.listen(0, '127.0.0.1', () => console.log(`floor at http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
