// `chronicle serve` in a child process on an embedded data directory, as an operator runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServedChronicle {
  child: ChildProcess;
  /** The base URL, once the server says it is serving. */
  url: Promise<string>;
  /** The exit code, once the process and its output streams have closed. */
  exit: Promise<number | null>;
  output: () => string;
  /** The first output line matching, once it appears. */
  waitFor: (pattern: RegExp) => Promise<string>;
}

export function serve(dataDir: string): ServedChronicle {
  const env: NodeJS.ProcessEnv = { ...process.env, CHRONICLE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'bin/chronicle.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners: (() => void)[] = [];
  const append = (chunk: Buffer) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  // 'close' comes after the process's output streams have ended, unlike 'exit'.
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = output.split('\n').find((l) => pattern.test(l));
        if (line) resolve(line);
      };
      listeners.push(check);
      check();
      void exit.then(() => reject(new Error(`server exited before printing ${pattern}:\n${output}`)));
    });
  const url = waitFor(/GraphQL \(GraphiQL\) at (http:\/\/\S+)\/graphql/).then((line) => /(http:\/\/\S+)\/graphql/.exec(line)![1]!);
  return { child, url, exit, output: () => output, waitFor };
}
