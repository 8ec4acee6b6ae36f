// Runs `prisma generate` (Prisma client and Pothos types) as part of `npm install`.
// Generation itself is wasm, but the CLI first tries to download a native schema engine, which
// fails on machines without internet; pointing it at any existing file skips the download.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync('/bin/true')) env.PRISMA_SCHEMA_ENGINE_BINARY = '/bin/true';
const result = spawnSync('prisma', ['generate'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
