// Other tools' files (TimelineJS, Wikidata, ACLED, GDELT), read as they are: each reader says whether a file is its tool's, and turns
// it into an event list (checked and written as any other), with what else it brings: the terms
// its types need, a TimelineJS file's timeline, warnings of what Chronicle does not keep.
import type { EventRecord, TermRecord } from '../records/record-schemas.js';
import { acledFileOf } from './acled-file.js';
import { gdeltFileOf } from './gdelt-file.js';
import type { RawRecord } from './import-problems.js';
import type { RecordSource } from './record-source.js';
import { mergeSlide, timelineFileOf } from './timelinejs-file.js';
import { wikidataRecordsOf } from './wikidata-file.js';

/** The fields of a stored event a reader's merge may keep. */
export type StoredFields = Pick<EventRecord, 'kind' | 'status' | 'date' | 'place' | 'tags' | 'media' | 'presentation'>;

export interface NativeFile {
  records: RawRecord[];
  /**
   * An event of the file that is in the database already, given what is stored: what the tool's
   * format cannot say (a TimelineJS slide has no type or tags) is kept as an editor made it.
   */
  merge?: (record: EventRecord, stored: StoredFields) => EventRecord;
  terms: TermRecord[];
  /** Timelines' records, checked by the timeline schema before anything is written. */
  timelines: unknown[];
  warnings: string[];
}

/** The file as its tool's records, or undefined when it is Chronicle's own (or no tool's). */
export async function nativeFileOf(source: RecordSource): Promise<NativeFile | undefined> {
  const timeline = await timelineFileOf(source);
  if (timeline) return { records: timeline.records, terms: [], timelines: [timeline.timeline], warnings: timeline.warnings, merge: mergeSlide };
  const wikidata = await wikidataRecordsOf(source);
  if (wikidata) return { records: wikidata, terms: [], timelines: [], warnings: [] };
  const acled = await acledFileOf(source);
  if (acled) return { ...acled, timelines: [], warnings: [] };
  const gdelt = await gdeltFileOf(source);
  if (gdelt) return { ...gdelt, timelines: [], warnings: [] };
  return undefined;
}
