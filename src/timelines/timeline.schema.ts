// Timelines in GraphQL: the Timeline type (title slide, eras), and the `timeline` and `timelines`
// queries. The events a timeline holds are listed by the one filter language:
// events(filter: { timelines: ["its-slug"] }).
import { builder } from '../builder.js';
import { DateValueRef } from '../dates/date-value.schema.js';
import { parseEdtf } from '../dates/edtf.js';
import type { Medium } from '../events/media.js';
import { MediumRef } from '../events/media.schema.js';
import type { Background } from '../events/presentation.js';
import { BackgroundRef } from '../events/presentation.schema.js';
import { maxPageSize } from '../lib/pagination.js';
import { plainTextOf } from '../lib/rich-text.js';
import type { EraRecord } from './timeline-record.js';

const plain = (html: string | null | undefined) => (html ? plainTextOf(html) || null : null);

const EraRef = builder.objectRef<EraRecord>('TimelineEra').implement({
  description: "A span of time labelled along a timeline's axis.",
  fields: (t) => ({
    date: t.field({ type: DateValueRef, description: 'The span, in EDTF: 1939-09-01/1945-09-02.', resolve: (era) => parseEdtf(era.date) }),
    title: t.string({ nullable: true, description: 'The headline as plain text.', resolve: (era) => plain(era.headline) }),
    headline: t.string({ nullable: true, description: 'As HTML, cleaned by an allow-list.', resolve: (era) => era.headline ?? null }),
    text: t.string({ nullable: true, description: 'As HTML, cleaned by an allow-list.', resolve: (era) => era.text ?? null }),
  }),
});

export const TimelineRef = builder.prismaObject('Timeline', {
  description:
    'A timeline as a storyteller shows it (TimelineJS): a title slide, eras along its axis, and the events it holds, which events(filter: {timelines: [slug]}) lists.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.string({
      nullable: true,
      description: "The title slide's headline as plain text.",
      select: { headline: true },
      resolve: (tl) => plain(tl.headline),
    }),
    headline: t.exposeString('headline', { nullable: true, description: "The title slide's headline, as HTML cleaned by an allow-list." }),
    text: t.exposeString('text', { nullable: true, description: "The title slide's text, as HTML cleaned by an allow-list." }),
    media: t.field({ type: MediumRef, nullable: true, select: { media: true }, resolve: (tl) => (tl.media as Medium | null) ?? null }),
    background: t.field({ type: BackgroundRef, nullable: true, select: { background: true }, resolve: (tl) => (tl.background as Background | null) ?? null }),
    eras: t.field({ type: [EraRef], select: { eras: true }, resolve: (tl) => tl.eras as EraRecord[] }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  timeline: t.prismaField({
    type: 'Timeline',
    nullable: true,
    description: 'One timeline by its slug, or null.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, { slug }, ctx) => ctx.db.timeline.findUnique({ ...query, where: { slug } }),
  }),
  timelines: t.prismaConnection(
    {
      type: 'Timeline',
      cursor: 'id',
      description: 'Timelines by slug.',
      maxSize: maxPageSize,
      resolve: (query, _root, _args, ctx) => ctx.db.timeline.findMany({ ...query, orderBy: [{ slug: 'asc' }, { id: 'asc' }] }),
      totalCount: (_root, _args, ctx) => ctx.db.timeline.count(),
    },
    { description: 'A page of timelines.' },
  ),
}));
