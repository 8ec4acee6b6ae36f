// Read by the Prisma CLI (generate, validate). Migrations run through src/db/migrate.ts,
// which reads the same schema and migrations folder.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
