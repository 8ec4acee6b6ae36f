// Writes docs/licences.md: the licences of every package installed for production, by licence,
// naming the packages under the less common ones. `--check` fails when the file is not current, as
// CI runs it. Production is what `npm ci --omit=dev --omit=optional` installs (the Dockerfile's
// prune): the packages package-lock.json marks neither dev nor optional. `devOptional` ones (the
// prisma CLI and TypeScript, optional peers of @prisma/client) are left out with them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'docs/licences.md';
/** Licences any user may take without a second look; the packages under the others are named. */
const PERMISSIVE = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Unlicense', 'CC0-1.0', 'MIT and ISC']);

const locked = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
const byLicence = new Map();
for (const [path, p] of Object.entries(locked)) {
  if (path === '' || p.dev || p.optional || p.devOptional) continue;
  const name = p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const licence = p.license ?? 'UNKNOWN';
  byLicence.set(licence, [...(byLicence.get(licence) ?? []), `${name}@${p.version}`]);
}
// The web explorer's bundle (dist/web, from development dependencies) holds code of its own packages.
const BUNDLED = 'dist/web/packages.json';
if (!existsSync(BUNDLED)) {
  console.error(`${BUNDLED} is missing: run \`npm run build\` first (it lists the packages the web explorer bundles)`);
  process.exit(1);
}
const bundled = Object.entries(JSON.parse(readFileSync(BUNDLED, 'utf8')));
const rows = [...byLicence].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
const others = rows.filter(([licence]) => !PERMISSIVE.has(licence)).flatMap(([licence, names]) => names.sort().map((name) => `- ${name}: ${licence}`));
const text = [
  '# Licences of the production dependencies',
  '',
  'Written by `node scripts/licences.mjs` from the packages `npm ci --omit=dev --omit=optional` installs (what the',
  'Docker image holds); CI checks it is current.',
  '',
  '| licence | packages |',
  '|---|---:|',
  ...rows.map(([licence, names]) => `| ${licence} | ${names.length} |`),
  '',
  '## Packages under other licences',
  '',
  ...(others.length ? others : ['None.']),
  '',
  '## Bundled into the web explorer',
  '',
  'The explorer at `/` is one script built from these packages (development dependencies, bundled by',
  '`npm run build` into `dist/web`; their licence texts are in its `.LEGAL.txt`):',
  '',
  '| package | licence |',
  '|---|---|',
  ...bundled.map(([name, licence]) => `| ${name} | ${licence} |`),
  '',
  'The `prisma` CLI and TypeScript are development dependencies: `npm ci` generates the Prisma client',
  'and compiles Chronicle, and the production tree is pruned of them (and of elkjs, EPL-2.0, which',
  'the CLI brings through `@prisma/studio-core`).',
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
