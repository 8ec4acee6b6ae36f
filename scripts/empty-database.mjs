// Makes the copy of an empty embedded database that new ones start from (src/db/empty-database.ts),
// as part of `npm install`, in a process of its own: PGlite's initdb needs about 800 MB once.
import { writeEmptyDatabase } from '../dist/src/db/empty-database.js';

console.log(`chronicle: an empty embedded database to start from, in ${await writeEmptyDatabase()}`);
