// Node's garbage collector on demand, for tests of what memory is kept: without --expose-gc on
// the command line, the flag is set at run time and `gc` taken from a new context.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection, run on the next turn (what was made on this one is kept until it ends). */
export async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
