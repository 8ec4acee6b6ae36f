// How a timeline shows an event, in GraphQL: Event.presentation, and the input that writes it.
import { builder } from '../builder.js';
import type { Background, Presentation } from './presentation.js';

export const BackgroundRef = builder.objectRef<Background>('SlideBackground').implement({
  description: "A timeline slide's background: a picture, a colour, or both.",
  fields: (t) => ({
    url: t.string({ nullable: true, description: 'An http(s) link to a picture.', resolve: (b) => b.url ?? null }),
    color: t.string({ nullable: true, description: 'A CSS colour: #1a2b3c, teal.', resolve: (b) => b.color ?? null }),
    alt: t.string({ nullable: true, description: 'What the picture shows, for those who cannot see it.', resolve: (b) => b.alt ?? null }),
    opacity: t.float({ nullable: true, description: "The picture's opacity, in percent.", resolve: (b) => b.opacity ?? null }),
  }),
});

const PresentationRef = builder.objectRef<Presentation>('EventPresentation').implement({
  description: 'How a timeline shows an event, apart from what happened: as a TimelineJS file gave it, or an editor.',
  fields: (t) => ({
    group: t.string({ nullable: true, description: 'The row of a timeline it is shown in (TimelineJS: group).', resolve: (p) => p.group ?? null }),
    displayDate: t.string({
      nullable: true,
      description: 'Its author\'s words for its date, shown in place of date.display: "c. 1500".',
      resolve: (p) => p.displayDate ?? null,
    }),
    startDisplayDate: t.string({ nullable: true, resolve: (p) => p.startDisplayDate ?? null }),
    endDisplayDate: t.string({ nullable: true, resolve: (p) => p.endDisplayDate ?? null }),
    background: t.field({ type: BackgroundRef, nullable: true, resolve: (p) => p.background ?? null }),
  }),
});

const BackgroundInput = builder.inputType('SlideBackgroundInput', {
  fields: (t) => ({
    url: t.string({ description: 'An http:// or https:// link to a picture.' }),
    color: t.string({ description: 'A CSS colour: #1a2b3c, teal, rgb(20, 40, 60).' }),
    alt: t.string(),
    opacity: t.float({ description: 'In percent, 0 to 100.' }),
  }),
});

export const PresentationInput = builder.inputType('EventPresentationInput', {
  description: 'How a timeline shows the event. On a change, the whole of it.',
  fields: (t) => ({
    group: t.string(),
    displayDate: t.string(),
    startDisplayDate: t.string(),
    endDisplayDate: t.string(),
    background: t.field({ type: BackgroundInput }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  presentation: t.field({
    type: PresentationRef,
    description: "How a timeline shows it: its group, background, and its author's words for its dates.",
    select: { presentation: true },
    resolve: (event) => event.presentation as Presentation,
  }),
}));
