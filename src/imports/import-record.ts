// What an import accepts: the records `chronicle export` writes (CSV rows turned into the same
// shape), validated field by field. Objects are strict, so that a field Chronicle does not read is
// found (read-event-list.ts warns of it, or refuses it under --strict) rather than dropped unseen. The EDTF values are authoritative; the derived date fields an
// export carries (precision, display, earliest, latest) are recomputed, so they are not checked.
import { z } from 'zod';
import { edtfSchema, joinedDate, safeString, slugSchema, textSchema, webUrlSchema } from '../lib/schemas.js';
import { ActorKind, Confidence, EventStatus, Stance } from '../generated/prisma/enums.js';
import { termSlugSchema } from '../vocabulary/terms.js';
import { mediaSchema } from '../events/media.js';
import { presentationSchema } from '../events/presentation.js';
import { languageSchema, translationsSchema } from '../events/translations.js';
import { placeRecord } from '../places/place-record.js';

const slug = slugSchema;
const text = textSchema;
const optionalText = safeString()
  .nullish()
  .transform((v) => (v?.trim() ? v : null));
const oneOf = <T extends Record<string, string>>(values: T) => z.enum(values, { error: `must be one of ${Object.keys(values).join(', ')}` });

const edtf = edtfSchema;
/** A date as exported ({ edtf, ... }) or as a bare EDTF string. */
const dateValue = z
  .union([z.string(), z.object({ edtf: z.string() }).loose()])
  .transform((d) => (typeof d === 'string' ? d : d.edtf))
  .pipe(edtf);

const actor = z.strictObject({
  slug,
  name: text,
  kind: oneOf(ActorKind),
  /** Identifiers in other registers ({ wikidata: "Q22686" }), added to those the actor has. */
  externalIds: z.record(safeString(), safeString()).optional(),
});

const source = z.strictObject({
  slug,
  /** A source type's slug, its label, or the old enum's value: "wire-report", "Wire report", "WIRE_REPORT". */
  kind: termSlugSchema,
  title: text,
  author: optionalText,
  url: webUrlSchema.nullish().transform((v) => v ?? null),
  published: dateValue.nullish().transform((v) => v ?? null),
  retrieved: dateValue.nullish().transform((v) => v ?? null),
  publisher: actor.nullish().transform((v) => v ?? null),
});

export const importEventSchema = z
  .strictObject({
    slug,
    title: text,
    summary: optionalText,
    /**
     * The summary as HTML (links, emphasis): cleaned by an allow-list; `summary` becomes its text.
     * Left out, the stored HTML stays while it still says the summary (import-text.ts resolves it).
     */
    summaryHtml: safeString().nullish(),
    /** Left out (an older export), an event's language and translations stay as stored. */
    language: languageSchema.nullish(),
    translations: translationsSchema.optional(),
    /** An event type's slug, its label, or the old enum's value: "phone-call", "Phone call", "PHONE_CALL". */
    kind: termSlugSchema,
    status: oneOf(EventStatus),
    date: dateValue,
    /** Older exports gave an event's end apart; it joins the date as one EDTF interval. */
    endDate: dateValue.nullish().transform((v) => v ?? null),
    place: optionalText,
    /** Where it happened on the map, the place whole (as actors come). Left out, it stays as stored; null clears it. */
    location: placeRecord.nullish(),
    tags: z.array(safeString().trim().min(1, 'must not be empty')).default([]),
    /** Left out (an older export, a file of one's own), an event's media stay as the database has them. */
    media: mediaSchema.optional(),
    /** Left out, how a timeline shows the event (group, background, display dates) stays as stored. */
    presentation: presentationSchema.optional(),
    participants: z.array(z.strictObject({ role: termSlugSchema, actor })).default([]),
    /** Left out (an older export, a file of one's own), an event's mark stays as the database has it. */
    unsourced: z.boolean({ error: 'must be true or false' }).optional(),
    citations: z
      .array(
        z.strictObject({
          stance: oneOf(Stance).default('SUPPORTS'),
          quote: optionalText,
          attribution: optionalText,
          confidence: oneOf(Confidence)
            .nullish()
            .transform((v) => v ?? null),
          note: optionalText,
          source,
        }),
      )
      .default([]),
  })
  .transform(({ endDate, ...event }, ctx) => ({
    ...event,
    date: joinedDate(event.date, endDate, 'endDate', ctx),
  }));

export type ImportEvent = z.infer<typeof importEventSchema>;
export type ImportActor = z.infer<typeof actor>;
export type ImportSource = z.infer<typeof source>;
