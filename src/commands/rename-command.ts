// `chronicle rename event|actor|source OLD NEW`: an editor corrects a slug; the old one keeps
// answering (src/records/slug-redirects.ts).
import type { Command } from 'commander';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { InputError } from '../lib/errors.js';
import type { RecordModel } from '../records/slug-redirects.js';

const MODELS: RecordModel[] = ['event', 'actor', 'source'];

export function registerRename(program: Command): void {
  program
    .command('rename')
    .argument('<kind>', MODELS.join(', '))
    .argument('<from>', 'the current slug')
    .argument('<to>', 'the new slug')
    .option('--note <why>', "why: kept with the record's revision")
    .description('Give a record a new slug; lookups by the old slug keep finding it')
    .action(async (kind: string, from: string, to: string, options: { note?: string }) => {
      if (!MODELS.includes(kind as RecordModel)) throw new InputError('kind', `must be one of ${MODELS.join(', ')}, not "${kind}"`);
      const target = databaseTarget(loadConfig());
      const [{ openDatabase }, { renameRecord }] = await Promise.all([import('../db/client.js'), import('../records/slug-redirects.js')]);
      const database = await openDatabase(target, { migrate: true, command: 'rename' });
      try {
        await renameRecord(database.client, kind as RecordModel, from, to, { via: 'COMMAND', by: 'chronicle rename', note: options.note });
      } finally {
        await database.close();
      }
      console.log(`Renamed ${kind} ${from} to ${to} in the ${describeTarget(target)}; ${from} still finds it.`);
    });
}
