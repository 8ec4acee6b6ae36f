// Vitest's global setup: compile the CLI once before any test file runs, so the tests that start
// `chronicle` as a user does (bin/chronicle.js, which runs dist/) run the code under test, and
// build the web explorer the server serves.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function build(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // The web explorer too: the server serves it from dist/web.
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
}
