// `chronicle import FILE [--dry-run]`: bring events in from a file `chronicle export` wrote (CSV,
// NDJSON, JSON), or from a directory in the seed format. Validated first, written all or nothing.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { readSeed, writeSeed } from '../../seed/seed.js';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { applyImport, type ImportCounts, type Tally } from '../imports/apply-import.js';
import { planImport } from '../imports/plan-import.js';
import { readImportFile } from '../imports/read-import-file.js';

const line = (name: string, t: Tally) => `  ${name.padEnd(8)} ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`;

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'a .csv, .ndjson or .json file as `chronicle export` writes it, or a directory of seed YAML files')
    .option('--dry-run', 'validate and report what would change, without writing')
    .description('Import events with their actors, sources and citations, matched by slug')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const target = databaseTarget(loadConfig());
      if ((await stat(file).catch(() => null))?.isDirectory()) {
        const data = await readSeed(file);
        if (options.dryRun) {
          console.log(`${file} is valid: ${data.events.length} events, ${data.actors.length} actors, ${data.sources.length} sources. Nothing was written (--dry-run).`);
          return;
        }
        const database = await openDatabase(target, { migrate: true });
        try {
          const counts = await writeSeed(database.client, data);
          console.log(`Imported ${counts.events} events, ${counts.actors} actors and ${counts.sources} sources into the ${describeTarget(target)}.`);
        } finally {
          await database.close();
        }
        return;
      }
      const plan = planImport(file, await readImportFile(file));
      const database = await openDatabase(target, { migrate: true });
      let counts: ImportCounts;
      try {
        counts = await applyImport(database.client, plan, { dryRun: options.dryRun });
      } finally {
        await database.close();
      }
      console.log([
        options.dryRun ? `${file} is valid. Importing it would change the ${describeTarget(target)} so:` : `Imported ${file} into the ${describeTarget(target)}:`,
        line('events', counts.events),
        line('actors', counts.actors),
        line('sources', counts.sources),
        ...(options.dryRun ? ['Nothing was written (--dry-run).'] : []),
      ].join('\n'));
    });
}
