// How a storyteller shows an event on a timeline, apart from what happened: the row it sits in
// (TimelineJS's group), its slide's background, and the words its author chose for its dates
// ("c. 1500", "Spring 1943"). Kept in the event's row (a JSON column), written whole with the event
// and kept in its revisions like its media; TimelineJS imports fill it and exports give it back.
import { z } from 'zod';
import { safeString, webUrlSchema } from '../lib/schemas.js';

const words = safeString()
  .trim()
  .max(200, 'at most 200 characters')
  .nullish()
  .transform((v) => v || undefined);

/** A CSS colour as TimelineJS takes one: #rgb, #rrggbb(aa), a name, rgb()/hsl(). Nothing else reaches a style. */
const cssColour = z
  .string()
  .trim()
  .regex(/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|hsl)a?\([\d\s.,%deg/]+\))$/, 'must be a CSS colour such as #1a2b3c, teal or rgb(20, 40, 60)');

export const backgroundSchema = z
  .strictObject({
    url: webUrlSchema.nullish(),
    color: cssColour.nullish(),
    alt: words,
    /** Percent, as TimelineJS gives it (a number or its digits). */
    opacity: z.coerce.number().min(0).max(100).nullish(),
  })
  .transform(({ url, color, alt, opacity }) => ({
    ...(url ? { url } : {}),
    ...(color ? { color } : {}),
    ...(alt ? { alt } : {}),
    ...(opacity != null ? { opacity } : {}),
  }));

export const presentationSchema = z
  .strictObject({
    /** The row of a timeline it is shown in (TimelineJS's group). */
    group: words,
    /** The words for its date its author chose, shown in place of Chronicle's own. */
    displayDate: words,
    startDisplayDate: words,
    endDisplayDate: words,
    background: backgroundSchema.nullish(),
  })
  // The fields in one order, absent ones left out: what the event's row and revisions keep.
  .transform(({ group, displayDate, startDisplayDate, endDisplayDate, background }) => ({
    ...(group ? { group } : {}),
    ...(displayDate ? { displayDate } : {}),
    ...(startDisplayDate ? { startDisplayDate } : {}),
    ...(endDisplayDate ? { endDisplayDate } : {}),
    ...(background && Object.keys(background).length ? { background } : {}),
  }));

export type Presentation = z.output<typeof presentationSchema>;
export type Background = z.output<typeof backgroundSchema>;
