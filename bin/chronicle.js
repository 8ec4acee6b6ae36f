#!/usr/bin/env node
// `npx chronicle ...`: the compiled CLI (npm install builds it; `npm run build` after a change).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('chronicle: the compiled CLI is missing (dist/src/cli.js): run `npm run build` in the Chronicle folder.');
  process.exit(1);
}
await import(cli.href);
