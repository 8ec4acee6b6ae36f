// `chronicle terms list|add`: the open vocabularies (event types, participant roles, source types)
// from the command line; imports and dumps add terms too (src/vocabulary/term-writer.ts).
import type { Command } from 'commander';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { TermScheme } from '../generated/prisma/enums.js';
import { InputError } from '../lib/errors.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import { termRecord } from '../records/record-schemas.js';
import { withDatabase } from './with-database.js';

/** A scheme as typed: EVENT_TYPE, event-type, or just event, role, source. */
function schemeOf(given: string): TermScheme {
  const upper = given.toUpperCase().replace(/-/g, '_');
  const scheme = Object.values(TermScheme).find((s) => s === upper || s === `${upper}_TYPE`);
  if (!scheme) throw new InputError('scheme', `must be event-type, role-type or source-type, not "${given}"`);
  return scheme;
}

export function registerTerms(program: Command): void {
  const terms = program.command('terms').description('The vocabularies: event types, participant roles and source types');

  terms
    .command('list')
    .argument('[scheme]', 'event-type, role-type or source-type (all three if left out)')
    .description('Print the terms as a tree: slug, label, and the narrower terms under each')
    .action(async (given: string | undefined) => {
      const schemes = given ? [schemeOf(given)] : Object.values(TermScheme);
      const rows = await withDatabase('terms list', (db) =>
        db.term.findMany({ where: { scheme: { in: schemes } }, orderBy: [{ scheme: 'asc' }, { slug: 'asc' }] }),
      );
      for (const scheme of schemes) {
        console.log(scheme.toLowerCase().replace('_', '-'));
        const mine = rows.filter((t) => t.scheme === scheme);
        const print = (parent: string | null, depth: number) => {
          for (const t of mine.filter((x) => x.parentSlug === parent)) {
            console.log(`${'  '.repeat(depth + 1)}${t.slug.padEnd(24 - 2 * depth)} ${t.label}`);
            print(t.slug, depth + 1);
          }
        };
        print(null, 0);
      }
    });

  terms
    .command('add')
    .argument('<scheme>', 'event-type, role-type or source-type')
    .argument('<slug>', 'kebab-case: state-visit')
    .requiredOption('--label <label>', 'for display: "State visit"')
    .option('--parent <slug>', 'the broader term: visit')
    .option('--description <text>', 'what it means')
    .description('Add a term, or set the label, parent and description of one that exists')
    .action(async (scheme: string, slug: string, options: { label: string; parent?: string; description?: string }) => {
      const parsed = termRecord.safeParse({ scheme: schemeOf(scheme), slug, label: options.label, parent: options.parent, description: options.description });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InputError(issuePath(issue.path), issueMessage(issue));
      }
      const term = parsed.data;
      const [{ writeTerms }, { existingTerms, termKey }] = await Promise.all([import('../vocabulary/term-writer.js'), import('../vocabulary/terms.js')]);
      const written = await withDatabase('terms add', (db) =>
        db.$transaction(async (tx) => {
          if (term.parent && !(await existingTerms(tx, [termKey(term.scheme, term.parent)])).size) {
            throw new InputError('--parent', `no ${scheme} has the slug "${term.parent}": \`chronicle terms list\` names them`);
          }
          return writeTerms(tx, [term]);
        }),
      );
      const what = written.created ? 'Added' : written.updated ? 'Changed' : 'Already had';
      console.log(
        `${what} ${term.scheme.toLowerCase().replace('_', '-')} ${term.slug} ("${term.label}") in the ${describeTarget(databaseTarget(loadConfig()))}.`,
      );
    });
}
