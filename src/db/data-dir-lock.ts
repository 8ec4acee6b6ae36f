// One process at a time on an embedded data directory. PGlite is PostgreSQL in one process with no
// shared memory: a second process writing the same files behind the first one's back loses data
// (an import vanished, a directory would not open again). So whoever opens a directory first
// writes `chronicle.lock` into it, as PostgreSQL writes postmaster.pid, and everyone else refuses
// with the owner's pid and port. A lock whose owner has died (kill -9, power loss) is taken over:
// a crash cannot leave the directory stuck.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/** The lock's owner as recorded, or null when there is no lock or it cannot be read. */
export function readLockOwner(dataDir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** Whether a process of this machine with this pid is alive, and plausibly a Chronicle (Node) process. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the pid may belong to some other program; where /proc exists, ask it.
  try {
    return /node|chronicle/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
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
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
    token: randomBytes(24).toString('base64url'),
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      write(file, owner, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let found: { owner: LockOwner | null; inode: number };
    try {
      const inode = statSync(file).ino;
      found = { owner: readLockOwner(dataDir), inode };
    } catch {
      continue; // Removed in the meantime: try again.
    }
    const mine = found.owner?.pid === process.pid;
    const stale = found.owner
      ? found.owner.hostname === owner.hostname && (mine ? !held.has(file) : !alive(found.owner.pid))
      : attempt >= 5; // Unreadable for a while: left half-written by a process that died writing it.
    if (!stale || attempt >= 20) {
      if (!found.owner && attempt < 5) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // being written right now
        continue;
      }
      throw new DataDirectoryLockedError(dataDir, found.owner);
    }
    // Remove the dead owner's file only if it is still that file, not a newer owner's.
    try {
      if (statSync(file).ino === found.inode) unlinkSync(file);
    } catch {
      // Someone else removed it first.
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
