import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) files. Node, loading Pothos and Yoga, takes the
    // CJS one; Vite would take the ESM one for our code, and two graphql realms cannot mix.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/build.ts'],
    // Each file opens its own database: an in-memory PGlite (a few seconds to start) or, with
    // DATABASE_URL, a fresh PostgreSQL database.
    pool: 'forks',
    // Files and the tests in them run in a new order each time: no test may lean on another's
    // leftovers (each starts from its file's database as opened: test/helpers/database.ts). A
    // failure prints the seed; \`npx vitest run --sequence.seed=N\` repeats that order.
    sequence: { shuffle: true },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  },
});
