// An event's media: pictures, video, sound, documents and embeddable pages about it, each with its
// caption, credit and licence. A list owned by its event, kept in the event's row (a JSON column):
// written whole with the event, kept in its revisions, exported with it.
import { z } from 'zod';
import { safeString, webUrlSchema } from '../lib/schemas.js';

export const MEDIA_KINDS = ['IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT', 'EMBED'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The most media an event holds. */
export const MAX_MEDIA = 50;

const BY_EXTENSION: [RegExp, MediaKind][] = [
  [/\.(jpe?g|png|gif|webp|avif|svg|tiff?)$/i, 'IMAGE'],
  [/\.(mp4|webm|mov|m4v|ogv)$/i, 'VIDEO'],
  [/\.(mp3|wav|ogg|oga|m4a|flac|aac)$/i, 'AUDIO'],
  [/\.(pdf|docx?|odt|txt|rtf)$/i, 'DOCUMENT'],
];
const BY_HOST: [RegExp, MediaKind][] = [
  [/(^|\.)(youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com)$/i, 'VIDEO'],
  [/(^|\.)(soundcloud\.com|spotify\.com)$/i, 'AUDIO'],
];

/** What a URL most likely holds, when a file does not say: by its extension, then its host; EMBED otherwise. */
export function mediaKindOf(url: string): MediaKind {
  const { hostname, pathname } = new URL(url);
  return BY_EXTENSION.find(([pattern]) => pattern.test(pathname))?.[1] ?? BY_HOST.find(([pattern]) => pattern.test(hostname))?.[1] ?? 'EMBED';
}

const optionalText = safeString()
  .trim()
  .nullish()
  .transform((v) => v || undefined);

/** One medium as records, imports and mutations give it; its kind guessed from the URL when left out. */
export const mediumSchema = z
  .strictObject({
    url: webUrlSchema,
    kind: z.enum(MEDIA_KINDS, { error: `must be one of ${MEDIA_KINDS.join(', ')}` }).nullish(),
    caption: optionalText,
    credit: optionalText,
    licence: optionalText,
    thumbnail: webUrlSchema.nullish(),
  })
  // The fields in one order, absent ones left out: what the event's row and revisions keep.
  .transform(({ url, kind, caption, credit, licence, thumbnail }) => ({
    url,
    kind: kind ?? mediaKindOf(url),
    ...(caption ? { caption } : {}),
    ...(credit ? { credit } : {}),
    ...(licence ? { licence } : {}),
    ...(thumbnail ? { thumbnail } : {}),
  }));

export type Medium = z.output<typeof mediumSchema>;

export const mediaSchema = z.array(mediumSchema).max(MAX_MEDIA, `at most ${MAX_MEDIA} media an event`);
