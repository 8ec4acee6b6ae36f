// Profiles the timeline page in one process: `node --cpu-prof --import tsx bench/profile-timeline.ts`
// on DATABASE_URL (a generated 10,000-event timeline), 300 requests, 10 at a time. Open the
// .cpuprofile in Chrome's DevTools; docs/performance.md says what it showed.
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga } from '../src/yoga.js';
import { scratchDatabase } from '../test/helpers/scratch-database.js';
import { generateTimeline } from './generate.js';
import { TIMELINE } from './queries.js';

const { target, drop } = await scratchDatabase('chronicle_profile');
const database = await openDatabase(target, { migrate: true });
try {
  await generateTimeline(database.client, Number(process.env.BENCH_EVENTS ?? 10_000));
  const yoga = createChronicleYoga(createLogger('info'), { client: () => database.client });
  const once = async () => {
    const response = await yoga.fetch('http://profile/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: TIMELINE }),
    });
    await response.text();
  };
  for (let i = 0; i < 20; i += 1) await once(); // warm up
  const started = performance.now();
  for (let round = 0; round < 30; round += 1) await Promise.all(Array.from({ length: 10 }, once));
  console.error(`${(300 / ((performance.now() - started) / 1000)).toFixed(1)} timeline pages/s in one process`);
} finally {
  await database.close();
  await drop();
}
