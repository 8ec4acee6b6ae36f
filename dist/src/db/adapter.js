// One PostgreSQL dialect everywhere: an embedded PGlite (a data directory, or memory for tests)
// or a real PostgreSQL server. Both end up as a Prisma driver-adapter factory.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { describeTarget } from '../config.js';
import { acquireDataDirLock } from './data-dir-lock.js';
export class DatabaseUnavailableError extends Error {
}
/** Opens the target; `command` names this process in the lock other processes read. */
export async function openAdapter(target, command = 'open') {
    if (target.kind === 'postgres') {
        try {
            await assertReachable(target.url);
        }
        catch (error) {
            throw new DatabaseUnavailableError(`Cannot reach ${describeTarget(target)}: ${error.message}`);
        }
        const factory = new PrismaPg({ connectionString: target.url });
        return {
            factory,
            lock: null,
            // A session of its own per use: migrations hold an advisory lock on it, so a plain client.
            withSession: async (work) => {
                const client = new pg.Client({ connectionString: target.url });
                await client.connect();
                try {
                    return await work({
                        exec: async (script) => void (await client.query(script)),
                        query: async (text, params) => (await client.query(text, params)).rows,
                    });
                }
                finally {
                    await client.end().catch(() => { });
                }
            },
            close: async () => { },
        };
    }
    const lock = target.dataDir ? acquireDataDirLock(target.dataDir, command) : null;
    try {
        const pglite = await PGlite.create(target.dataDir);
        // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime
        // interface is the same, the declared types are not.
        const factory = new PrismaPGlite(pglite);
        return {
            // Each connection's own PGlite: the schema engine's shadow database is another instance.
            factory: wholeScripts(factory, (connection, script) => connection.client.exec(script)),
            lock,
            withSession: (work) => work({
                exec: async (script) => void (await pglite.exec(script)),
                query: async (text, params) => (await pglite.query(text, params)).rows,
            }),
            close: async () => {
                try {
                    await pglite.close();
                }
                finally {
                    lock?.release();
                }
            },
        };
    }
    catch (error) {
        lock?.release();
        throw error;
    }
}
/**
 * pglite-prisma-adapter starts a script without awaiting it, so a failing one would count as
 * applied and its error surface later, unhandled. `chronicle db migration:new` has Prisma's schema
 * engine replay the migrations on an in-memory PGlite through this adapter: run them and wait.
 */
function wholeScripts(factory, run) {
    const patch = (connection) => {
        // The adapter's own error conversion, to the DriverAdapterError the engine reads.
        const reportError = connection.onError?.bind(connection);
        connection.executeScript = async (script) => {
            try {
                await run(connection, script);
            }
            catch (error) {
                if (reportError)
                    reportError(error);
                throw error;
            }
        };
        return connection;
    };
    return {
        provider: factory.provider,
        adapterName: factory.adapterName,
        connect: async () => patch(await factory.connect()),
        connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
    };
}
/** Connects once, so an unreachable server fails here with its own message, before anything else runs. */
async function assertReachable(url) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
        await client.connect();
        await client.query('SELECT 1');
    }
    finally {
        await client.end().catch(() => { });
    }
}
//# sourceMappingURL=adapter.js.map