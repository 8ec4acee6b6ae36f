// Every export format, by name: the list the HTTP routes, the command line and the docs share.
import { csv } from './csv.js';
import { geojson } from './geojson.js';
import type { ExportFormat } from './format.js';
import { ics } from './ics.js';
import { json, ndjson } from './json.js';
import { jsonld } from './jsonld.js';
import { timelinejs } from './timelinejs.js';

export const FORMATS: ExportFormat[] = [csv, ndjson, json, ics, jsonld, timelinejs, geojson];

export function formatNamed(name: string): ExportFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}
