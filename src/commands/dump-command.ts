// `chronicle dump [FILE]`: the whole database, losslessly, as NDJSON (src/records/dump.ts);
// `chronicle import FILE` of it into an empty database recreates it exactly.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';

export function registerDump(program: Command): void {
  program
    .command('dump')
    .argument('[file]', 'where to write it (.ndjson); standard output when left out')
    .description('Write the whole database as NDJSON: actors, sources, events and old slugs, with record time; chronicle import reads it back')
    .action(async (file: string | undefined) => {
      const target = databaseTarget(loadConfig());
      const [{ openDatabase }, { dumpDatabase }] = await Promise.all([import('../db/client.js'), import('../records/dump.js')]);
      const database = await openDatabase(target, { migrate: true, command: 'dump' });
      const out = file ? createWriteStream(file) : process.stdout;
      let lines = 0;
      try {
        lines = await dumpDatabase(database.client, async (line) => {
          if (!out.write(line)) await once(out, 'drain');
        });
      } finally {
        await database.close();
      }
      if (file) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(`Dumped ${lines - 1} records from the ${describeTarget(target)}${file ? ` to ${file}` : ''}.\n`);
    });
}
