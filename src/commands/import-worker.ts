// A file import from the command line, run in a worker thread whose heap has a bound
// (CHRONICLE_IMPORT_MEMORY_MB): V8 otherwise lets garbage pile up to gigabytes before collecting
// it, while what an import really holds at once is a batch of events and the actors and sources
// it names. Past the bound the worker stops, its transaction rolls back, and nothing is written.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DatabaseTarget } from '../config.js';
import type { ImportReport } from '../imports/import-text.js';
import { fileSource, type ReadProgress } from '../imports/record-source.js';
import type { ColumnMap } from '../imports/read-import-file.js';
import { ReportedError, userMessage } from './user-errors.js';

export interface ImportJob {
  file: string;
  map: ColumnMap;
  target: DatabaseTarget;
  dryRun?: boolean;
  strict?: boolean;
  note?: string | undefined;
  language?: string | undefined;
  timeoutMinutes?: number;
}

type WorkerMessage =
  | { kind: 'progress'; reading: number; bytes: number }
  | { kind: 'done'; counts: ImportReport }
  | { kind: 'failed'; message: string | undefined; stack: string };

/** From this size, an import runs for minutes and its memory matters more than seconds of compiling. */
const COMPILE_ONCE_FROM_BYTES = 32 * 1024 * 1024;

/** Imports a file in a worker with `memoryMb` of heap (or V8's default); resolves with the import's report. */
export function importInWorker(job: ImportJob, memoryMb: number | undefined, onRead?: ReadProgress): Promise<ImportReport> {
  // A large file's WebAssembly is compiled once, by the optimising compiler, not first by the
  // baseline one and then again: both kept PGlite's machine code twice, 70 MB of an import's 480
  // MiB, for no faster an import. Compiling all of it up front costs seconds, which a small file's
  // import would spend waiting. V8's flags are the process's: set before the worker compiles.
  if (statSync(job.file).size >= COMPILE_ONCE_FROM_BYTES) setFlagsFromString('--no-liftoff');
  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: { chronicleImport: job },
    ...(memoryMb ? { resourceLimits: { maxOldGenerationSizeMb: memoryMb } } : {}),
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onRead?.(message.reading, message.bytes);
      else if (message.kind === 'done') resolve(message.counts);
      else reject(message.message === undefined ? Object.assign(new Error('the import failed'), { stack: message.stack }) : new ReportedError(message.message));
    });
    worker.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' && memoryMb
          ? new ReportedError(
              `the import needed more than ${memoryMb} MB of memory and stopped; nothing was imported. Set CHRONICLE_IMPORT_MEMORY_MB higher (e.g. ${memoryMb * 2}) and run it again`,
            )
          : error,
      );
    });
    // Settled already, unless the worker ended without a word.
    worker.once('exit', (code) => reject(new Error(`the import's worker exited with code ${code} before it finished`)));
  });
}

/** In the worker: the import, then the database closed (its files whole) before the answer. */
async function runJob(job: ImportJob): Promise<void> {
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  try {
    // Loaded in the worker only: the thread that starts it stays small (its memory counts too).
    const [{ openDatabase }, { importRecords }] = await Promise.all([import('../db/client.js'), import('../imports/import-text.js')]);
    const source = fileSource(job.file, job.map, (reading, bytes) => post({ kind: 'progress', reading, bytes }));
    const database = await openDatabase(job.target, { migrate: true, command: 'import' });
    let counts: ImportReport;
    try {
      counts = await importRecords(database.client, source, {
        dryRun: job.dryRun,
        strict: job.strict,
        note: job.note,
        language: job.language,
        timeoutMinutes: job.timeoutMinutes,
      });
    } finally {
      await database.close();
    }
    post({ kind: 'done', counts });
  } catch (error) {
    post({ kind: 'failed', message: userMessage(error), stack: (error as Error).stack ?? String(error) });
  }
}

const job = isMainThread ? undefined : (workerData as { chronicleImport?: ImportJob } | undefined)?.chronicleImport;
if (job) await runJob(job);
