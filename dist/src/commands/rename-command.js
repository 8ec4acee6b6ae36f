import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { InputError } from '../lib/errors.js';
import { renameRecord } from '../records/slug-redirects.js';
const MODELS = ['event', 'actor', 'source'];
export function registerRename(program) {
    program
        .command('rename')
        .argument('<kind>', MODELS.join(', '))
        .argument('<from>', 'the current slug')
        .argument('<to>', 'the new slug')
        .description('Give a record a new slug; lookups by the old slug keep finding it')
        .action(async (kind, from, to) => {
        if (!MODELS.includes(kind))
            throw new InputError('kind', `must be one of ${MODELS.join(', ')}, not "${kind}"`);
        const target = databaseTarget(loadConfig());
        const database = await openDatabase(target, { migrate: true, command: 'rename' });
        try {
            await renameRecord(database.client, kind, from, to);
        }
        finally {
            await database.close();
        }
        console.log(`Renamed ${kind} ${from} to ${to} in the ${describeTarget(target)}; ${from} still finds it.`);
    });
}
//# sourceMappingURL=rename-command.js.map