// Other tools' files (TimelineJS, Wikidata, ACLED, GDELT), read as they are: each reader says whether a file is its tool's, and turns
// it into an event list (checked and written as any other), with what else it brings: the terms
// its types need, a TimelineJS file's timeline, warnings of what Chronicle does not keep.
import type { TermRecord } from '../records/record-schemas.js';
import { acledFileOf } from './acled-file.js';
import { gdeltFileOf } from './gdelt-file.js';
import type { RawRecord } from './import-problems.js';
import type { RecordSource } from './record-source.js';
import { timelineFileOf } from './timelinejs-file.js';
import { wikidataRecordsOf } from './wikidata-file.js';

export interface NativeFile {
  records: RawRecord[];
  terms: TermRecord[];
  /** Timelines' records, checked by the timeline schema before anything is written. */
  timelines: unknown[];
  warnings: string[];
}

/** The file as its tool's records, or undefined when it is Chronicle's own (or no tool's). */
export async function nativeFileOf(source: RecordSource): Promise<NativeFile | undefined> {
  const timeline = await timelineFileOf(source);
  if (timeline) return { records: timeline.records, terms: [], timelines: [timeline.timeline], warnings: timeline.warnings };
  const wikidata = await wikidataRecordsOf(source);
  if (wikidata) return { records: wikidata, terms: [], timelines: [], warnings: [] };
  const acled = await acledFileOf(source);
  if (acled) return { ...acled, timelines: [], warnings: [] };
  const gdelt = await gdeltFileOf(source);
  if (gdelt) return { ...gdelt, timelines: [], warnings: [] };
  return undefined;
}
