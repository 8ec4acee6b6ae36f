// The HTTP entry: open the database (migrated, seeded when empty), serve Yoga, and shut down
// cleanly on SIGTERM/SIGINT so an embedded data directory is always closed properly.
import { createServer } from 'node:http';
import { seedIfEmpty } from '../seed/seed.js';
import { databaseTarget, describeTarget } from './config.js';
import { openDatabase } from './db/client.js';
import { createLogger } from './logger.js';
import { createChronicleYoga } from './yoga.js';
const DRAIN_TIMEOUT_MS = 10_000;
export async function startServer(config) {
    const logger = createLogger(config.LOG_LEVEL);
    const target = databaseTarget(config);
    const database = await openDatabase(target, { migrate: true, command: 'serve' });
    const seeded = await seedIfEmpty(database.client);
    if (seeded)
        logger.info(seeded, 'seeded an empty database with the article of 2017-06-04');
    // Imports over HTTP: with the operator's token, or the one in the data directory's lock, which
    // only this machine's user can read (chronicle import --server uses it).
    const yoga = createChronicleYoga(logger, {
        client: () => database.client,
        importTokens: () => [config.CHRONICLE_ADMIN_TOKEN, database.lock?.owner.token].filter((t) => Boolean(t)),
    });
    const server = createServer(yoga);
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, resolve);
    });
    const { port } = server.address();
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    const url = `http://${host}:${port}`;
    database.lock?.update({ url });
    logger.info({ database: describeTarget(target) }, `Chronicle is serving GraphQL and GraphiQL at ${url}/graphql`);
    let stopping;
    const stop = () => {
        stopping ??= (async () => {
            logger.info('stopping: no new connections, finishing requests in flight');
            const drained = new Promise((resolve) => server.close(() => resolve()));
            server.closeIdleConnections();
            const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
            await drained;
            clearTimeout(force);
            await database.close();
            logger.info('stopped');
        })();
        return stopping;
    };
    return { url, stop };
}
/** Runs until SIGTERM or SIGINT, then stops cleanly and exits 0. */
export async function runServer(config) {
    const running = await startServer(config);
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.once(signal, () => {
            running.stop().then(() => process.exit(0), (error) => {
                console.error(error);
                process.exit(1);
            });
        });
    }
}
//# sourceMappingURL=server.js.map