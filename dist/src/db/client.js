// Opens the database: migrated if asked, with the lock of an embedded data directory. The client
// it returns reaches resolvers through the GraphQL context and commands through parameters.
import { PrismaClient } from '../generated/prisma/client.js';
import { openAdapter } from './adapter.js';
import { applyMigrations, resetDatabase } from './migrate.js';
export { DatabaseUnavailableError } from './adapter.js';
export async function openDatabase(target, options = {}) {
    const adapter = await openAdapter(target, options.command);
    try {
        const appliedMigrations = options.reset
            ? await resetDatabase(adapter)
            : options.migrate ? await applyMigrations(adapter) : [];
        const client = new PrismaClient({
            adapter: adapter.factory,
            log: options.countStatements ? [{ emit: 'event', level: 'query' }] : [],
        });
        const statements = { count: 0, sql: [] };
        if (options.countStatements) {
            client.$on('query', (event) => {
                statements.count += 1;
                statements.sql.push(event.query);
            });
        }
        await client.$connect();
        return {
            client,
            appliedMigrations,
            statements,
            lock: adapter.lock,
            close: async () => {
                await client.$disconnect();
                await adapter.close();
            },
        };
    }
    catch (error) {
        await adapter.close();
        throw error;
    }
}
//# sourceMappingURL=client.js.map