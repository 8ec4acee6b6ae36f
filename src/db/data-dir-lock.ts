// One process at a time on an embedded data directory. PGlite is PostgreSQL in one process with no
// shared memory: a second process writing the same files behind the first one's back loses data
// (an import vanished, a directory would not open again). So whoever opens a directory first
// writes `chronicle.lock` into it, as PostgreSQL writes postmaster.pid, and everyone else refuses
// with the owner's pid and port. A lock whose owner has died (kill -9, power loss) is taken over:
// a crash cannot leave the directory stuck.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'chronicle.lock';

export interface LockOwner {
  pid: number;
  hostname: string;
  /** What the owner is doing: "serve", "import", "db seed"... */
  command: string;
  startedAt: string;
  /** Where a serving owner answers, once it listens. */
  url?: string;
  /** Lets a CLI on this machine send work to the serving owner (`import --server`); the file is 0600. */
  token: string;
  /** Where the system says so (Linux /proc): this boot, and when the process started in it, so a pid reused later is no owner. */
  bootId?: string;
  startTicks?: string;
}

/** The data directory cannot be created or written: a setting to fix, said in one line. */
export class DataDirectoryUnusableError extends Error {
  constructor(dataDir: string, cause: NodeJS.ErrnoException) {
    const why =
      {
        EACCES: 'permission denied',
        EPERM: 'permission denied',
        EROFS: 'the file system is read-only',
        ENOTDIR: 'a part of the path is a file',
        ENOSPC: 'the disk is full',
      }[cause.code ?? ''] ??
      cause.code ??
      cause.message;
    super(`the data directory ${dataDir} cannot be created or written (${why}): set CHRONICLE_DATA_DIR to a folder this user can write`);
  }
}

/** A folder that holds other files: the database would be written in among them. */
export class ForeignDirectoryError extends Error {
  constructor(dataDir: string, found: string[]) {
    super(
      `${dataDir} holds other files (${found.slice(0, 3).join(', ')}${found.length > 3 ? ', ...' : ''}) and is not a Chronicle data directory: set CHRONICLE_DATA_DIR to a new or empty folder`,
    );
  }
}

/**
 * Files in `dataDir` that are not the embedded database's, when it has none of its own (no
 * PG_VERSION, no lock): hidden files such as .DS_Store do not count.
 */
function foreignFiles(dataDir: string): string[] {
  const names = readdirSync(dataDir).filter((name) => !name.startsWith('.'));
  return names.includes('PG_VERSION') || names.includes(LOCK_FILE) ? [] : names.sort();
}

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(lockedMessage(dataDir, owner));
  }
}

function lockedMessage(dataDir: string, owner: LockOwner | null): string {
  if (!owner) {
    return `the embedded database in ${dataDir} is locked by ${path.join(dataDir, LOCK_FILE)}, which cannot be read; if no Chronicle process uses the directory, delete that file`;
  }
  const who = `chronicle ${owner.command} (pid ${owner.pid}${owner.url ? `, serving ${owner.url}` : ''}${owner.hostname !== hostname() ? ` on host ${owner.hostname}` : ''}, since ${owner.startedAt})`;
  const todo = owner.url
    ? `stop it first, or send an import to it: chronicle import FILE --server ${owner.url}`
    : owner.hostname !== hostname()
      ? `stop it first; if it is no longer running, delete ${path.join(dataDir, LOCK_FILE)}`
      : 'wait for it to finish, or stop it first';
  return `the embedded database in ${dataDir} is in use by ${who}: only one process may open it at a time; ${todo}`;
}

/** A held lock: update what it says about its owner, release it when the database closes. */
export interface DataDirLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Records where the owner now serves, for the messages of processes it turns away. */
  update(fields: Partial<Pick<LockOwner, 'url'>>): void;
  release(): void;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(text: string | null): LockOwner | null {
  try {
    return text === null ? null : (JSON.parse(text) as LockOwner);
  } catch {
    return null;
  }
}

/** The lock's owner as recorded, or null when there is no lock or it cannot be read. */
export function readLockOwner(dataDir: string): LockOwner | null {
  return parseOwner(readText(path.join(dataDir, LOCK_FILE)));
}

/** This boot's id and a process's start time in it, where /proc tells them; undefined elsewhere. */
function processIdentity(pid: number): { bootId?: string; startTicks?: string } {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    // Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return { bootId, startTicks };
  } catch {
    return {};
  }
}

/** Whether the process that wrote a lock of this machine is still running. */
function alive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is taken; by the owner, unless the machine rebooted or the pid was reused since.
  if (!owner.bootId || !owner.startTicks) return true;
  const now = processIdentity(owner.pid);
  return !now.bootId || (now.bootId === owner.bootId && now.startTicks === owner.startTicks);
}

const held = new Set<string>();

function releaseAllOnExit(): void {
  for (const file of held) {
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as LockOwner).pid === process.pid) unlinkSync(file);
    } catch {
      // Nothing to release.
    }
  }
}
process.once('exit', releaseAllOnExit);

function write(file: string, owner: LockOwner, flag: 'wx' | 'w'): void {
  const fd = openSync(file, flag, 0o600);
  try {
    writeFileSync(fd, `${JSON.stringify(owner, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes the directory's lock for this process or throws DataDirectoryLockedError. A lock left by
 * a dead process of this machine is removed and taken; one from another host is never guessed at.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    // Written at once, so an unwritable folder is said now, not as a failure inside the database.
    closeSync(openSync(path.join(dataDir, '.chronicle-write-check'), 'w'));
    unlinkSync(path.join(dataDir, '.chronicle-write-check'));
  } catch (error) {
    throw new DataDirectoryUnusableError(dataDir, error as NodeJS.ErrnoException);
  }
  const foreign = foreignFiles(dataDir);
  if (foreign.length > 0) throw new ForeignDirectoryError(dataDir, foreign);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
    token: randomBytes(24).toString('base64url'),
    ...processIdentity(process.pid),
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      write(file, owner, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readText(file);
    if (text === null) continue; // Removed in the meantime: try again.
    const found = parseOwner(text);
    const mine = found?.pid === process.pid;
    const stale = found ? found.hostname === owner.hostname && (mine ? !held.has(file) : !alive(found)) : attempt >= 5; // Unreadable for a while: left half-written by a process that died writing it.
    if (!stale) {
      if (!found && attempt < 5) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // being written right now
        continue;
      }
      throw new DataDirectoryLockedError(dataDir, found);
    }
    if (attempt >= 20) throw new DataDirectoryLockedError(dataDir, found);
    // Take the dead owner's file away, and make sure it was that one: another process may have
    // replaced it with a live lock in the meantime, which is then put back.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    if (readText(aside) === text) {
      unlinkSync(aside);
      continue;
    }
    try {
      linkSync(aside, file);
    } catch {
      // A third process took the place meanwhile; the next round reads whose lock it is.
    } finally {
      unlinkSync(aside);
    }
  }
  held.add(file);
  return {
    file,
    owner,
    update(fields) {
      Object.assign(owner, fields);
      // Readers never see it half-written: write beside it, then rename over it.
      const next = `${file}.${process.pid}.tmp`;
      write(next, owner, 'w');
      renameSync(next, file);
    },
    release() {
      if (!held.delete(file)) return;
      if (readLockOwner(dataDir)?.pid === process.pid) unlinkSync(file);
    },
  };
}
