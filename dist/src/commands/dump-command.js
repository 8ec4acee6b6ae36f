// `chronicle dump [FILE]`: the whole database, losslessly, as NDJSON (src/records/dump.ts);
// `chronicle import FILE` of it into an empty database recreates it exactly.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { dumpLines } from '../records/dump.js';
export function registerDump(program) {
    program
        .command('dump')
        .argument('[file]', 'where to write it (.ndjson); standard output when left out')
        .description('Write the whole database as NDJSON: actors, sources, events and old slugs, with record time; chronicle import reads it back')
        .action(async (file) => {
        const target = databaseTarget(loadConfig());
        const database = await openDatabase(target, { migrate: true, command: 'dump' });
        const out = file ? createWriteStream(file) : process.stdout;
        let lines = 0;
        try {
            for await (const line of dumpLines(database.client)) {
                lines += 1;
                if (!out.write(line))
                    await once(out, 'drain');
            }
        }
        finally {
            await database.close();
        }
        if (file) {
            out.end();
            await once(out, 'finish');
        }
        process.stderr.write(`Dumped ${lines - 1} records from the ${describeTarget(target)}${file ? ` to ${file}` : ''}.\n`);
    });
}
//# sourceMappingURL=dump-command.js.map