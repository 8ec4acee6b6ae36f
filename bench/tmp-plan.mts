import { planImport } from '../src/imports/plan-import.js';
import { fileSource } from '../src/imports/record-source.js';
const t = Date.now();
const plan = await planImport(fileSource(process.argv[2]!));
console.log({ s: (Date.now() - t) / 1000, events: plan.events.size });
