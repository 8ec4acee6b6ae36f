// A timeline as records give it (TimelineJS imports, dumps): its title slide, its eras, and the
// events it holds by slug. Its HTML is cleaned by the allow-list on the way in (lib/rich-text.ts).
import { z } from 'zod';
import type { Timeline } from '../generated/prisma/client.js';
import { mediumSchema } from '../events/media.js';
import { backgroundSchema } from '../events/presentation.js';
import { cleanHtml } from '../lib/rich-text.js';
import { edtfSchema, instantSchema, safeString, slugSchema } from '../lib/schemas.js';

const instant = instantSchema;

/** Cleaned HTML, or nothing when it holds none. */
const html = safeString()
  .nullish()
  .transform((v) => (v?.trim() ? cleanHtml(v) || undefined : undefined));

/** A span of time labelled along a timeline's axis: its dates in EDTF (2017-05/2017-06), a headline, some text. */
export const eraRecord = z.strictObject({ date: edtfSchema, headline: html.optional(), text: html.optional() });

export const timelineRecord = z.strictObject({
  slug: slugSchema,
  /** The title slide, which has no date. */
  headline: html.optional(),
  text: html.optional(),
  media: mediumSchema.optional(),
  background: backgroundSchema.optional(),
  eras: z.array(eraRecord).max(1_000, 'at most 1,000 eras').default([]),
  /** The events it holds, by slug: all of them, each time it is written. */
  events: z.array(slugSchema).default([]),
  /** Its revision in the history (a dump's), restored with it. */
  revision: z.int().min(1).optional(),
  createdAt: instant,
  updatedAt: instant,
});

export type EraRecord = z.output<typeof eraRecord>;
export type TimelineRecord = z.output<typeof timelineRecord>;

/** A stored timeline as its record, the events it holds given by slug; absent fields left out. */
export function timelineRecordOf(t: Timeline, events: string[]): TimelineRecord {
  return {
    slug: t.slug,
    ...(t.headline ? { headline: t.headline } : {}),
    ...(t.text ? { text: t.text } : {}),
    ...(t.media ? { media: t.media as TimelineRecord['media'] } : {}),
    ...(t.background ? { background: t.background as TimelineRecord['background'] } : {}),
    eras: t.eras as EraRecord[],
    events,
    revision: t.revision,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
