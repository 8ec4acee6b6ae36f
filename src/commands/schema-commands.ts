// `chronicle schema print|check`: the GraphQL schema as the code builds it, in schema.graphql, and
// its introspection as TypeScript types (graphql-env.d.ts), from which gql.tada types every
// operation the web explorer and the tests write.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../lib/project-root.js';

const root = PROJECT_ROOT;
const schemaFile = path.join(root, 'schema.graphql');
const typesFile = path.join(root, 'web/src/graphql-env.d.ts');

/** Each checked-in file the schema is printed to, with what it should hold. */
async function printedFiles(): Promise<{ file: string; text: string }[]> {
  const [{ printedSchema, schema }, { introspectionFromSchema, lexicographicSortSchema }, { outputIntrospectionFile, minifyIntrospection }] = await Promise.all(
    [import('../schema.js'), import('graphql'), import('@gql.tada/internal')],
  );
  const introspection = minifyIntrospection(introspectionFromSchema(lexicographicSortSchema(schema)));
  return [
    { file: schemaFile, text: printedSchema() },
    {
      file: typesFile,
      text: outputIntrospectionFile(introspection, {
        fileType: '.d.ts',
        shouldPreprocess: true,
        preamble: "/* The schema's introspection as types, for gql.tada. Written by `npm run schema:print`; do not edit. */",
      }),
    },
  ];
}

export function registerSchema(program: Command): void {
  const schemaCommand = program.command('schema').description('The GraphQL schema as printed from the code');

  schemaCommand
    .command('print')
    .option('--write', 'write it to schema.graphql (and its types to web/src/graphql-env.d.ts) instead of standard output')
    .action(async (options: { write?: boolean }) => {
      const files = await printedFiles();
      if (!options.write) {
        process.stdout.write(files[0]!.text);
        return;
      }
      for (const { file, text } of files) {
        await writeFile(file, text);
        console.log(`Wrote ${path.relative(process.cwd(), file)}`);
      }
    });

  schemaCommand
    .command('check')
    .description('Fail when schema.graphql or its types differ from the schema the code builds')
    .action(async () => {
      for (const { file, text } of await printedFiles()) {
        if ((await readFile(file, 'utf8').catch(() => '')) !== text) {
          console.error(
            `${path.relative(root, file)} is stale: it differs from the schema the code builds. Run \`npm run schema:print\` and commit the result.`,
          );
          process.exitCode = 1;
        }
      }
      if (!process.exitCode) console.log('schema.graphql and its types match the code.');
    });
}
