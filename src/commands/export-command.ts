// `chronicle export --format csv [filter flags] [--out FILE]`: the HTTP export, from the shell.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { databaseTarget, loadConfig } from '../config.js';
import { FORMATS, formatNamed } from '../exports/formats/index.js';
import { filterFromParams } from '../exports/filter-params.js';
import { InputError } from '../lib/errors.js';
import { checkedLocale } from '../dates/localized-display.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** The filter flags: the HTTP export's parameters, kebab-cased (--known-by for knownBy). */
export function addFilterOptions(command: Command): Command {
  for (const name of ['actor', 'type', 'kind', 'status', 'role-type', 'role', 'tag', 'source', 'timeline']) {
    command.option(`--${name} <value>`, `filter: ${name} (repeatable)`, collect, []);
  }
  return command
    .option('--from <date>', 'filter: from 2017, 2017-05 or 2017-05-25')
    .option('--to <date>', 'filter: to (inclusive)')
    .option('--time-match <how>', 'filter: OVERLAP or WITHIN')
    .option('--actors-match <how>', 'filter: ANY or ALL')
    .option('--text <words>', 'filter: full-text search')
    .option('--place <text>', 'filter: part of the place')
    .option('--near <lat,lon,km>', 'filter: at a place within km of a point: --near 50.85,4.35,10')
    .option('--bbox <west,south,east,north>', 'filter: at a place inside a box: --bbox 4.2,50.7,4.5,51.0')
    .option('--known-by <date>', 'filter: only what was on the record by this date')
    .option('--disputed <true|false>', 'filter: disputed events, or undisputed ones')
    .option('--retired <which>', 'filter: retired events EXCLUDE (default), INCLUDE or ONLY')
    .option('--filter <json>', 'the whole filter as JSON, instead of the flags above');
}

/** The filter the flags describe. Commander names them in camelCase, as the filter's fields. */
export function filterFromOptions(options: Record<string, unknown>) {
  const params = new Map<string, string[]>();
  for (const [name, value] of Object.entries(options)) {
    if (['format', 'out', 'dryRun'].includes(name)) continue;
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    if (values.length) params.set(name, values);
  }
  return filterFromParams(params);
}

async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

export function registerExport(program: Command): void {
  addFilterOptions(
    program
      .command('export')
      .description('Export the events a filter matches, with their citations, to a file or standard output')
      .requiredOption('--format <name>', FORMATS.map((f) => f.name).join(', '))
      .option('--out <file>', 'write to this file, and how it was made to <file>.meta.json')
      .option('--lang <tags>', 'read each event in these languages, by preference (fr,de): its translation, else its own words'),
  ).action(async ({ lang, ...options }: Record<string, unknown> & { format: string; out?: string; lang?: string }) => {
    const format = formatNamed(options.format);
    if (!format) throw new InputError('--format', `must be one of ${FORMATS.map((f) => f.name).join(', ')}, not "${options.format}"`);
    const filter = filterFromOptions(options);
    const [{ openDatabase }, { prepareExport }] = await Promise.all([import('../db/client.js'), import('../exports/export.js')]);
    const database = await openDatabase(databaseTarget(loadConfig()), { command: 'export' });
    try {
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'exporting {bar} {value}/{total} events', stream: process.stderr }) : undefined;
      const languages = (lang ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean)
        .map((tag) => checkedLocale(tag, '--lang'));
      const prepared = await prepareExport(database.client, format, filter, { count: 'all', languages, onRecord: () => bar?.increment() });
      bar?.start(prepared.meta.count, 0);
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      for await (const chunk of prepared.body) await write(out, chunk);
      if (options.out) {
        out.end();
        await once(out, 'finish');
        await writeFile(`${options.out}.meta.json`, `${JSON.stringify(prepared.meta, null, 2)}\n`);
      }
      bar?.stop();
      process.stderr.write(`Exported ${prepared.meta.count} events as ${format.name}${options.out ? ` to ${options.out}` : ''}.\n`);
    } finally {
      await database.close();
    }
  });
}
