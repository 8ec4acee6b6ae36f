// An event's media in GraphQL: the Event.media field, and the input that writes them.
import { builder } from '../builder.js';
import { MEDIA_KINDS, type Medium } from './media.js';

const MediaKindEnum = builder.enumType('MediaKind', {
  description: 'What a medium is: guessed from its URL when an import or an editor does not say.',
  values: MEDIA_KINDS,
});

export const MediumRef = builder.objectRef<Medium>('Medium').implement({
  description: 'A picture, video, sound, document or embeddable page about an event.',
  fields: (t) => ({
    url: t.string({ nullable: true, description: 'An http(s) link to it; null for a medium given as markup (html).', resolve: (m) => m.url ?? null }),
    html: t.string({
      nullable: true,
      description: 'Markup in place of a URL (a quote, an https frame), as TimelineJS takes: cleaned by an allow-list, safe to insert in a page.',
      resolve: (m) => m.html ?? null,
    }),
    kind: t.field({ type: MediaKindEnum, resolve: (m) => m.kind }),
    caption: t.string({ nullable: true, resolve: (m) => m.caption ?? null }),
    credit: t.string({ nullable: true, description: 'Whom it is by, or from: "AP Photo/Evan Vucci".', resolve: (m) => m.credit ?? null }),
    licence: t.string({ nullable: true, description: 'Its licence: "CC BY-SA 4.0".', resolve: (m) => m.licence ?? null }),
    alt: t.string({ nullable: true, description: 'What it shows, for those who cannot see it.', resolve: (m) => m.alt ?? null }),
    thumbnail: t.string({ nullable: true, description: 'An http(s) link to a small picture of it.', resolve: (m) => m.thumbnail ?? null }),
    link: t.string({ nullable: true, description: 'Where following it leads: a page about it.', resolve: (m) => m.link ?? null }),
  }),
});

export const MediumInput = builder.inputType('MediumInput', {
  description: 'A picture, video, sound, document or embeddable page about the event.',
  fields: (t) => ({
    url: t.string({ description: 'An http:// or https:// link; or give html in its place.' }),
    html: t.string({ description: 'A quote or an https frame as markup, in place of a url: cleaned by an allow-list.' }),
    kind: t.field({ type: MediaKindEnum, description: 'Guessed from the URL when left out (a .jpg is an IMAGE, a YouTube page a VIDEO).' }),
    caption: t.string(),
    credit: t.string(),
    licence: t.string(),
    alt: t.string({ description: 'What it shows, for those who cannot see it.' }),
    thumbnail: t.string({ description: 'An http:// or https:// link to a small picture of it.' }),
    link: t.string({ description: 'Where following it leads: an http:// or https:// link to a page about it.' }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  media: t.field({
    type: [MediumRef],
    description: 'Pictures, video, sound, documents and pages about it, in order.',
    select: { media: true },
    resolve: (event) => event.media as Medium[],
  }),
}));
