// Persisted operations: the web explorer sends each of its operations by a hash, which the build
// made of them (dist/web/persisted-operations.json). By default any other operation is run as
// well (GraphiQL, scripts, other clients); with CHRONICLE_PERSISTED_ONLY=true, only those are:
// a public deployment that serves the explorer alone then runs no query it did not ship.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../lib/project-root.js';

const STORE = path.join(PROJECT_ROOT, 'dist/web/persisted-operations.json');

async function readStore(): Promise<Map<string, string>> {
  const text = await readFile(STORE, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '{}';
    throw error;
  });
  return new Map(Object.entries(JSON.parse(text) as Record<string, string>));
}

export function persistedOperations(persistedOnly: boolean): Plugin {
  let store: Promise<Map<string, string>> | undefined;
  return usePersistedOperations({
    allowArbitraryOperations: !persistedOnly,
    getPersistedOperation: async (hash) => {
      store ??= readStore();
      const operations = await store.catch(() => new Map<string, string>());
      // A build not made yet, or unreadable, is read again at the next request.
      if (operations.size === 0) store = undefined;
      return operations.get(hash) ?? null;
    },
    customErrors: {
      keyNotFound: 'Must provide query string, or the hash of a persisted operation (extensions.persistedQuery.sha256Hash)',
      notFound: 'PersistedQueryNotFound: no persisted operation has this hash; send the query text, or the hash of one the web explorer ships',
      persistedQueryOnly:
        'PersistedQueryOnly: this server runs only the web explorer’s persisted operations (CHRONICLE_PERSISTED_ONLY=true); send one by its hash',
    },
  });
}
