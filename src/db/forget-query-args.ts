// Prisma logs every statement with its arguments, and its debug module keeps the last 100 log
// calls even while logging is off: Prisma Client writes a raw statement as one string with its
// values, and the driver adapters keep the statement itself. An import's statements carry
// megabytes of JSON each, so that history held over 200 MB of a million-event import, until the
// import ran out of memory. Statements go to the adapter as copies whose arguments are dropped
// once they have run, and a bulky one pushes the client's history out after it.
import { Debug } from '@prisma/client/runtime/client';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';

/** Characters of arguments past which a statement's are pushed out of Prisma Client's history. */
const BULKY_CHARACTERS = 64 * 1024;
/** How many calls that history keeps (@prisma/debug's MAX_ARGS_HISTORY). */
const HISTORY_CALLS = 100;
const history = Debug('chronicle:forget');

const bulky = (args: unknown[]) => args.reduce<number>((sum, arg) => sum + (typeof arg === 'string' ? arg.length : 0), 0) > BULKY_CHARACTERS;

function forgetArgsOnceRun<Q extends SqlQueryable>(queryable: Q): Q {
  for (const method of ['queryRaw', 'executeRaw'] as const) {
    const run = queryable[method].bind(queryable) as (query: SqlQuery) => Promise<never>;
    queryable[method] = async (query: SqlQuery) => {
      const copy = { ...query };
      try {
        return await run(copy);
      } finally {
        copy.args = [];
        if (bulky(query.args)) for (let i = 0; i < HISTORY_CALLS; i += 1) history('-');
      }
    };
  }
  return queryable;
}

function forgetful(connection: SqlDriverAdapter): SqlDriverAdapter {
  const start = connection.startTransaction.bind(connection);
  connection.startTransaction = async (isolationLevel) => forgetArgsOnceRun(await start(isolationLevel));
  return forgetArgsOnceRun(connection);
}

/** The factory, its connections and their transactions keeping no statement's arguments after it has run. */
export function forgetQueryArgs(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => forgetful(await factory.connect()),
    connectToShadowDb: async () => forgetful(await factory.connectToShadowDb()),
  };
}
