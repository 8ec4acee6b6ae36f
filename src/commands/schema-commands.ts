// `chronicle schema print|check`: the GraphQL schema as the code builds it, and schema.graphql.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');

export function registerSchema(program: Command): void {
  const schemaCommand = program.command('schema').description('The GraphQL schema as printed from the code');

  schemaCommand
    .command('print')
    .option('--write', 'write it to schema.graphql instead of standard output')
    .action(async (options: { write?: boolean }) => {
      const { printedSchema } = await import('../schema.js');
      if (options.write) {
        await writeFile(schemaFile, printedSchema());
        console.log(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
      } else {
        process.stdout.write(printedSchema());
      }
    });

  schemaCommand
    .command('check')
    .description('Fail when schema.graphql differs from the schema the code builds')
    .action(async () => {
      const { printedSchema } = await import('../schema.js');
      const committed = await readFile(schemaFile, 'utf8').catch(() => '');
      if (committed !== printedSchema()) {
        console.error('schema.graphql is stale: it differs from the schema the code builds. Run `npm run schema:print` and commit the result.');
        process.exitCode = 1;
        return;
      }
      console.log('schema.graphql matches the code.');
    });
}
