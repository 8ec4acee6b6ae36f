// `chronicle import FILE [--dry-run] [--server URL]`: bring events in from a file `chronicle
// export` wrote (CSV, NDJSON, JSON), or from a directory in the seed format. Validated first,
// written all or nothing, in a worker with a bounded heap; with --server, the running server that
// owns the database does it.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Command } from 'commander';
import { databaseTarget, describeTarget, loadConfig } from '../config.js';
import { readLockOwner } from '../db/data-dir-lock.js';
import type { Tally } from '../records/record-writer.js';
import type { ImportReport } from '../imports/import-text.js';
import { fileSource, type ReadProgress, readsWhole } from '../imports/record-source.js';
import { importInWorker } from './import-worker.js';
import { IMPORT_PATH, MAX_IMPORT_BYTES, type ImportResponse } from '../imports/import-endpoint.js';
import { ImportValidationError } from '../imports/import-problems.js';
import { type ColumnMap, formatOf, holdsExportColumns, parseColumnMap, unreadable } from '../imports/read-import-file.js';
import { mappingFromPairs, readMapping } from '../imports/column-mapping.js';
import { readExcelTable } from '../imports/excel-file.js';
import { fetchSignificantEvents } from '../imports/wikidata-query.js';
import { suggestMapping, suggestionText } from '../imports/suggest-mapping.js';
import { ImportFileError } from '../imports/import-problems.js';
import { InputError } from '../lib/errors.js';
import { checkedLocale } from '../dates/localized-display.js';

interface ImportOptions {
  dryRun?: boolean;
  strict?: boolean;
  map: string[];
  dateFormat?: string;
  suggestMap?: boolean;
  server?: string;
  token?: string;
  note?: string;
  lang?: string;
  wikidata?: string;
}

const line = (name: string, t: Tally) => `  ${name.padEnd(8)} ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`;

function report(file: string, where: string, counts: Omit<ImportReport, 'changedEvents'>, dryRun: boolean | undefined): string {
  return [
    dryRun ? `${file} is valid. Importing it would change the ${where} so:` : `Imported ${file} into the ${where}:`,
    line('events', counts.events),
    line('actors', counts.actors),
    line('sources', counts.sources),
    ...(counts.timelines && Object.values(counts.timelines).some(Boolean) ? [line('timelines', counts.timelines)] : []),
    ...counts.warnings.map((w) => `warning: ${w}`),
    // A dry run lists every change; a real one names the actors it renamed.
    ...(dryRun ? [...counts.changes, ...counts.unchanged.map((r) => `${r}: unchanged`)] : counts.changes.filter((c) => /^actor [^:]+: .*\bname "/.test(c))).map(
      (c) => `  ${c}`,
    ),
    ...(counts.unlisted > 0 ? [`  ... and ${counts.unlisted} more records, counted above but not listed`] : []),
    ...(dryRun ? ['Nothing was written (--dry-run).'] : []),
  ].join('\n');
}

/**
 * The token in the local data directory's lock, only for the server that holds that directory,
 * on this machine: it must never travel to another host.
 */
function localServerToken(server: URL): string | undefined {
  const owner = readLockOwner(loadConfig().CHRONICLE_DATA_DIR);
  if (!owner?.url) return undefined;
  const loopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);
  const served = new URL(owner.url);
  return loopback(server.hostname) && loopback(served.hostname) && server.port === served.port ? owner.token : undefined;
}

/** Sends the file to a running server's POST /import; its answer reads as a local import's. */
async function importThroughServer(file: string, server: string, options: ImportOptions): Promise<Omit<ImportReport, 'changedEvents'>> {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new InputError('--server', `"${server}" is not a URL; write it as http://localhost:4000`);
  }
  if (formatOf(file) === 'xlsx')
    throw new InputError('--server', 'an Excel workbook is imported without --server (stop the server first), or saved as CSV and sent');
  const token = options.token ?? process.env.CHRONICLE_ADMIN_TOKEN ?? localServerToken(base);
  const url = new URL(IMPORT_PATH, base);
  url.searchParams.set('name', path.basename(file));
  if (options.dryRun) url.searchParams.set('dryRun', 'true');
  if (options.strict) url.searchParams.set('strict', 'true');
  const map = await columnMapOf(file, options);
  if (map.mapping) url.searchParams.set('mapping', JSON.stringify(map.mapping));
  else if (options.map.length) url.searchParams.set('map', options.map.join(','));
  if (options.note) url.searchParams.set('note', options.note);
  if (options.lang) url.searchParams.set('lang', options.lang);
  // Refused before it is read when the server would refuse it; sent as it is read, so that this
  // process holds a piece of the file at a time (the server checks its UTF-8, as it does any body).
  const { size } = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(file, error);
  });
  if (size > MAX_IMPORT_BYTES) {
    throw new InputError(
      '--server',
      `${path.basename(file)} is ${(size / 1024 / 1024).toFixed(0)} MiB; a server takes files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB: stop the server and import it without --server, or split it`,
    );
  }
  let response: Response;
  try {
    // `duplex: 'half'`, which a streamed body needs, is not in TypeScript's RequestInit yet.
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    throw new InputError('--server', `cannot reach ${base.origin}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
  }
  const body = (await response
    .json()
    .catch(() => ({ error: { message: `the server answered ${response.status} without a Chronicle reply` } }))) as ImportResponse;
  if ('counts' in body) return body.counts;
  if (body.error.problems) throw new ImportValidationError(body.error.problems, body.error.total ?? body.error.problems.length, body.error.omitted);
  throw new ImportFileError(`${base.origin}: ${body.error.message}`);
}

/** What each reading of the file is for: one checks and writes every record, another settles a repeated slug. */
const pass = (reading: number) => (reading === 0 ? 'importing' : 'checking slugs');

/** A bar on the terminal, by bytes of the file read, for each reading of the file. */
async function progressBar(file: string): Promise<{ onRead: ReadProgress; stop: () => void }> {
  const { size } = await stat(file);
  const bar = new SingleBar({ format: '{pass} {bar} {percentage}% of {megabytes} MB', stream: process.stderr, hideCursor: true });
  let started = false;
  return {
    onRead: (reading, bytes) => {
      if (!started) bar.start(size, 0, { pass: pass(reading), megabytes: (size / 1e6).toFixed(1) });
      started = true;
      bar.update(bytes, { pass: pass(reading) });
    },
    stop: () => bar.stop(),
  };
}

/** A mapping file's name, as --map takes one instead of pairs. */
const MAPPING_FILE = /\.(ya?ml|json)$/i;

/**
 * How the file's columns are read: a mapping file (with --date-format's default); or --map pairs,
 * which rename the columns of an export (the file then has Chronicle's columns under other
 * names), or else map a spreadsheet's own columns as a mapping file would.
 */
async function columnMapOf(file: string, options: ImportOptions): Promise<ColumnMap> {
  const files = options.map.filter((m) => MAPPING_FILE.test(m));
  if (files.length > 1 || (files.length && files.length < options.map.length)) {
    throw new InputError('--map', 'give one mapping file, or field=Column pairs, not both');
  }
  if (files[0]) {
    const mapping = await readMapping(files[0]);
    return { mapping: options.dateFormat ? { ...mapping, dateFormat: options.dateFormat } : mapping };
  }
  const renames = parseColumnMap(options.map.join(','));
  if (
    options.map.length &&
    ['csv', 'xlsx'].includes(formatOf(file)) &&
    (options.dateFormat || !holdsExportColumns((await sheetSample(file)).header, renames.renames))
  ) {
    return { mapping: mappingFromPairs(renames.renames, options.dateFormat) };
  }
  if (options.dateFormat)
    throw new InputError(
      '--date-format',
      'is for a spreadsheet read through a mapping: give one with --map map.yaml or --map field=Column pairs (--suggest-map drafts a mapping)',
    );
  return renames;
}

/** The header and first 50 rows of a CSV (read from its first 256 KB) or of a workbook's first sheet. */
async function sheetSample(file: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  if (formatOf(file) === 'xlsx') {
    const { header, rows } = await readExcelTable(file);
    return { header, rows: rows.slice(0, 50) };
  }
  const handle = await open(file).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(file, error);
  });
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(256 * 1024) });
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    // Whole lines only: the last may be cut.
    const lines = bytesRead < buffer.length ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    const rows: string[][] = parseCsv(lines, { bom: true, skip_empty_lines: true, relax_column_count: true, to: 51 });
    const [header = [], ...body] = rows;
    return { header, rows: body.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']))) };
  } finally {
    await handle.close();
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument(
      '<file>',
      'a .csv, .xlsx, .ndjson or .json file (an export, a spreadsheet, a TimelineJS file, a Wikidata result), or a directory of seed YAML files',
    )
    .option('--dry-run', 'validate and report what would change, without writing')
    .option('--strict', 'refuse a record with a field Chronicle does not read (without it, such fields are left out with a warning)')
    .option(
      '--map <pairs|file>',
      "a CSV with its own columns: a mapping file (--map map.yaml, docs/imports.md), or field=Column pairs (--map title=Headline --map date=Start, repeatable), which rename an export's columns when the file is one",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option(
      '--date-format <format>',
      'with a mapping file: how its dates are written, in dayjs tokens ("D MMM YYYY", "MM/DD/YYYY"), where a column does not say',
    )
    .option(
      '--wikidata <QID>',
      "ask the Wikidata Query Service (the network) for this item's significant events, write its answer to <file> (.json), and import it",
    )
    .option('--suggest-map', "print a first mapping for a CSV of one's own, guessed from its header and first rows, and import nothing")
    .option('--note <why>', 'why: kept with the revisions of every record the import changes')
    .option(
      '--lang <tag>',
      "the language of the file's words (fr): new events take it, and events stored in another language keep theirs and take the file's title and summary as their translation",
    )
    .option('--server <url>', 'send the file to the Chronicle server running at this URL, which imports it (needed while a server holds the embedded database)')
    .option('--token <token>', "with --server: a token with the WRITE scope (default: CHRONICLE_ADMIN_TOKEN, or the token in CHRONICLE_DATA_DIR's lock)")
    .description('Import events with their actors, sources and citations, matched by slug')
    .action(async (file: string, options: ImportOptions) => {
      const language = options.lang === undefined ? undefined : checkedLocale(options.lang, '--lang');
      if (options.wikidata) {
        if (formatOf(file) !== 'json')
          throw new InputError('--wikidata', `writes the answer to a .json file: name one, as in chronicle import --wikidata ${options.wikidata} events.json`);
        await fetchSignificantEvents(options.wikidata, loadConfig().CHRONICLE_WIKIDATA_ENDPOINT, file);
      }
      if (options.suggestMap) {
        if (!['csv', 'xlsx'].includes(formatOf(file))) throw new InputError('--suggest-map', 'reads a CSV file or an Excel workbook');
        const { header, rows } = await sheetSample(file);
        process.stdout.write(suggestionText(path.basename(file), suggestMapping(header, rows)));
        return;
      }
      const isDirectory = (await stat(file).catch(() => null))?.isDirectory();
      if (options.server) {
        if (isDirectory) throw new InputError('--server', 'takes a file; import a seed directory with the server stopped, or export it to NDJSON first');
        const counts = await importThroughServer(file, options.server, options);
        console.log(report(file, `server at ${options.server}`, counts, options.dryRun));
        return;
      }
      const config = loadConfig();
      const target = databaseTarget(config);
      if (isDirectory) {
        if (language) throw new InputError('--lang', 'is for a file of events; seed files say their own language');
        // Loaded here: a file's import needs neither in this thread, whose memory is the import's too.
        const [{ readSeed, writeSeed }, { openDatabase }] = await Promise.all([import('../../seed/seed.js'), import('../db/client.js')]);
        const data = await readSeed(file);
        if (options.dryRun) {
          console.log(
            `${file} is valid: ${data.events.length} events, ${data.actors.length} actors, ${data.sources.length} sources. Nothing was written (--dry-run).`,
          );
          return;
        }
        const database = await openDatabase(target, { migrate: true, command: 'import' });
        try {
          const counts = await writeSeed(database.client, data, { via: 'IMPORT', by: 'chronicle import', note: options.note });
          console.log(`Imported ${counts.events} events, ${counts.actors} actors and ${counts.sources} sources into the ${describeTarget(target)}.`);
        } finally {
          await database.close();
        }
        return;
      }
      const bar = process.stderr.isTTY ? await progressBar(file) : undefined;
      let counts: ImportReport;
      try {
        const map = await columnMapOf(file, options);
        // A file read whole needs memory in proportion to its size: no bound then.
        const memoryMb = (await readsWhole(fileSource(file, map))) ? undefined : config.CHRONICLE_IMPORT_MEMORY_MB;
        counts = await importInWorker(
          {
            file,
            map,
            target,
            dryRun: options.dryRun,
            strict: options.strict,
            note: options.note,
            language,
            timeoutMinutes: config.CHRONICLE_IMPORT_TIMEOUT_MINUTES,
          },
          memoryMb,
          bar?.onRead,
        );
      } finally {
        bar?.stop();
      }
      console.log(report(file, describeTarget(target), counts, options.dryRun));
    });
}
