// Many plain events at once, for tests of long exports and of load.
import { eventTimeOf } from '../../src/dates/event-time.js';

/**
 * Generated events, made in one SQL statement (row-by-row inserts into the embedded database take
 * seconds per thousand) and without the search triggers, which exports do not need.
 */
export async function insertBulk(client: { $executeRawUnsafe(sql: string): Promise<number> }, count: number) {
  const day = eventTimeOf('2016-01-01');
  await client.$executeRawUnsafe('ALTER TABLE "Event" DISABLE TRIGGER event_search');
  await client.$executeRawUnsafe(`
    INSERT INTO "Event" (id, slug, title, summary, kind, status, date, "sortAt", "spanStart", "spanEnd", "startEarliest", "startLatest", "endEarliest", "endLatest", "updatedAt")
    SELECT gen_random_uuid(), 'bulk-' || lpad(n::text, 5, '0'), 'Bulk event ' || n, repeat('A generated event, long enough to fill the pipes. ', 4),
           'statement', 'REPORTED', '2016-01-01', ${day.sortAt}, ${day.spanStart}, ${day.spanEnd}, ${day.startEarliest}, ${day.startLatest}, ${day.endEarliest}, ${day.endLatest}, now()
      FROM generate_series(0, ${count - 1}) n`);
  await client.$executeRawUnsafe('ALTER TABLE "Event" ENABLE TRIGGER event_search');
}
