// An event's media: pictures, video, sound, documents and embeddable pages about it, each with its
// caption, credit and licence. A list owned by its event, kept in the event's row (a JSON column):
// written whole with the event, kept in its revisions, exported with it.
import { z } from 'zod';
import { cleanEmbedHtml } from '../lib/rich-text.js';
import { optionalTextSchema, safeString, webUrlSchema } from '../lib/schemas.js';

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

const optionalText = optionalTextSchema;

/**
 * One medium as records, imports and mutations give it: a URL, its kind guessed from it when left
 * out; or markup in place of a URL (a quote, an https frame, as TimelineJS takes), cleaned
 * (lib/rich-text.ts), an EMBED.
 */
export const mediumSchema = z
  .strictObject({
    url: webUrlSchema.nullish(),
    html: safeString()
      .nullish()
      .transform((v) => (v?.trim() ? cleanEmbedHtml(v) : undefined)),
    kind: z.enum(MEDIA_KINDS, { error: `must be one of ${MEDIA_KINDS.join(', ')}` }).nullish(),
    caption: optionalText,
    credit: optionalText,
    licence: optionalText,
    /** What it shows, for those who cannot see it. */
    alt: optionalText,
    thumbnail: webUrlSchema.nullish(),
    /** Where following it leads (a page about it), as TimelineJS links a medium. */
    link: webUrlSchema.nullish(),
  })
  .refine((m) => Boolean(m.url) !== Boolean(m.html), { message: 'give a medium a url, or html (a quote or an embed) in its place, not both', path: ['url'] })
  // The fields in one order, absent ones left out: what the event's row and revisions keep.
  .transform(
    ({ url, html, kind, caption, credit, licence, alt, thumbnail, link }): StoredMedium => ({
      ...(url ? { url } : { html: html! }),
      kind: kind ?? (url ? mediaKindOf(url) : 'EMBED'),
      ...(caption ? { caption } : {}),
      ...(credit ? { credit } : {}),
      ...(licence ? { licence } : {}),
      ...(alt ? { alt } : {}),
      ...(thumbnail ? { thumbnail } : {}),
      ...(link ? { link } : {}),
    }),
  );

/** A medium as kept: a url, or html in its place (never both, never neither). */
type StoredMedium = {
  url?: string;
  html?: string;
  kind: MediaKind;
  caption?: string;
  credit?: string;
  licence?: string;
  alt?: string;
  thumbnail?: string;
  link?: string;
};

export type Medium = z.output<typeof mediumSchema>;

export const mediaSchema = z.array(mediumSchema).max(MAX_MEDIA, `at most ${MAX_MEDIA} media an event`);
