// Writes docs/licences.md: the licences of every package installed for production (npm query
// .prod), by licence, naming the packages under the less common ones. `--check` fails when the
// file is not current, as CI runs it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = 'docs/licences.md';
/** Licences any user may take without a second look; the packages under the others are named. */
const PERMISSIVE = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Unlicense', 'CC0-1.0', 'MIT and ISC']);

const packages = JSON.parse(execFileSync('npm', ['query', '.prod'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
const byLicence = new Map();
for (const p of packages) {
  const licence = typeof p.license === 'string' ? p.license : (p.license?.type ?? 'UNKNOWN');
  byLicence.set(licence, [...(byLicence.get(licence) ?? []), `${p.name}@${p.version}`]);
}
const rows = [...byLicence].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
const text = [
  '# Licences of the production dependencies',
  '',
  'Written by `node scripts/licences.mjs` from the packages `npm ci --omit=dev` installs; CI checks it is current.',
  '',
  '| licence | packages |',
  '|---|---:|',
  ...rows.map(([licence, names]) => `| ${licence} | ${names.length} |`),
  '',
  '## Packages under other licences',
  '',
  ...rows.filter(([licence]) => !PERMISSIVE.has(licence)).flatMap(([licence, names]) => names.sort().map((name) => `- ${name}: ${licence}`)),
  '',
  'elkjs (EPL-2.0) arrives through the `prisma` CLI (`prisma` > `@prisma/studio-core`), which is a',
  'production dependency because `npm ci` generates the Prisma client from a clean clone. Chronicle',
  'never loads it at run time.',
  '',
].join('\n');

if (process.argv.includes('--check')) {
  if (readFileSync(FILE, 'utf8') !== text) {
    console.error(`${FILE} is not current: run node scripts/licences.mjs and commit it.`);
    process.exit(1);
  }
} else {
  writeFileSync(FILE, text);
}
