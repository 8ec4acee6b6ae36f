// Builds the web explorer (web/) into dist/web: one script and one stylesheet, named by a hash of
// what they hold so the server lets browsers keep them for a year, and index.html naming them;
// and its persisted operations, each document by the hash the page sends for it. Everything is
// bundled (no CDN): the explorer works offline. Prints each file's size, gzipped.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['web/src/main.tsx'],
  outdir: path.join(out, 'assets'),
  entryNames: 'explorer-[hash]',
  // The network view (vis-network) is a chunk of its own, loaded when the page shows it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.png': 'file', '.svg': 'file' },
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(out, path.resolve(root, file)));
const script = outputs.find((f) => /explorer-[^/]+\.js$/.test(f));
const style = outputs.find((f) => f.endsWith('.css'));
const page = (await readFile(path.join(root, 'web/index.html'), 'utf8')).replace('%SCRIPT%', `/${script}`).replace('%STYLE%', `/${style}`);
await writeFile(path.join(out, 'index.html'), page);

// The packages whose code the bundle holds, with their licences: docs/licences.md lists them.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) continue;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  const dir = `${input.slice(0, at)}node_modules/${parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/')}`;
  const { name, version, license } = JSON.parse(await readFile(path.join(root, dir, 'package.json'), 'utf8'));
  packages.set(`${name}@${version}`, license ?? 'UNKNOWN');
}
await writeFile(path.join(out, 'persisted-operations.json'), `${JSON.stringify(await persistedOperations(), null, 2)}\n`);
await writeFile(path.join(out, 'packages.json'), `${JSON.stringify(Object.fromEntries([...packages].sort()), null, 2)}\n`);

/**
 * The explorer's operations (web/src/operations.ts) as the page sends them: urql's document cache
 * adds __typename to queries and mutations (formatDocument; subscriptions go as written), and the
 * persisted exchange hashes the printed text.
 * Bundled for Node and run here, so the text is the page's to the byte.
 */
async function persistedOperations() {
  const bundle = path.join(out, 'operations.mjs');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['web/src/operations.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  try {
    const [{ OPERATIONS }, { formatDocument, stringifyDocument }] = await Promise.all([import(bundle), import('@urql/core')]);
    const store = {};
    for (const operation of OPERATIONS) {
      const kind = operation.definitions.find((d) => d.kind === 'OperationDefinition')?.operation;
      const text = stringifyDocument(kind === 'subscription' ? operation : formatDocument(operation));
      store[createHash('sha256').update(text).digest('hex')] = text;
    }
    return store;
  } finally {
    await rm(bundle);
  }
}

if (!process.argv.includes('--quiet')) {
  for (const file of outputs.filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
    const bytes = await readFile(path.join(out, file));
    console.log(`dist/web/${file}: ${(bytes.length / 1024).toFixed(0)} KiB, ${(gzipSync(bytes).length / 1024).toFixed(0)} KiB gzipped`);
  }
}
