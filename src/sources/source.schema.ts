import { RetiredEnum, retiredWhere } from '../events/event-filter.schema.js';
import { builder } from '../builder.js';
import { DateValueRef } from '../dates/date-value.schema.js';
import { parseEdtf } from '../dates/edtf.js';
import { findBySlug } from '../records/slug-redirects.js';
import type { Prisma } from '../generated/prisma/client.js';
import { Confidence, Reliability, Stance } from '../generated/prisma/enums.js';
import { SourceKindEnum } from '../vocabulary/term.schema.js';
import { z } from 'zod';
import type { Context } from '../context.js';
import { InputError } from '../lib/errors.js';
import { issueMessage, issuePath } from '../lib/schemas.js';
import { enumValueOf, selectedTerms, termSlugSchema } from '../vocabulary/terms.js';
import { maxPageSize } from '../lib/pagination.js';
import { chronological } from '../events/event-order.js';
import { SOURCE_ORDER } from './source-order.js';

export const ReliabilityEnum = builder.enumType(Reliability, {
  name: 'Reliability',
  description:
    'Source reliability on the Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.',
});

export const StanceEnum = builder.enumType(Stance, { name: 'Stance', description: 'Whether a source supports or disputes an event.' });

export const ConfidenceEnum = builder.enumType(Confidence, { name: 'Confidence' });

export const SourceRef = builder.prismaNode('Source', {
  // Global ids come from what is stable, the type and the slug, so a reset or an import keeps them.
  id: { field: 'slug' },
  // A missing node is null, not an error; one renamed away is found again (records/renamed-nodes.ts).
  nullable: true,
  // Only the columns a query asks for are read (each field declares what it needs); id and slug
  // always, for the loaders and lists that key rows by id and the global id made from the slug.
  select: { id: true, slug: true },
  description: 'Where a claim comes from: a report, a statement, a transcript, or anonymous officials.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    revision: t.exposeInt('revision', {
      description: 'How many times the source has been written: 1 when created. An update names the revision it was based on.',
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the source was retired: kept, and hidden from lists (null while it is live).',
    }),
    type: t.relation('type', { description: 'What kind of source it is: its slug, label and broader types.' }),
    kind: t.field({
      type: SourceKindEnum,
      deprecationReason: 'Source types are data now: use type (type.slug, type.label).',
      description: 'The original enum value its type falls under, or OTHER.',
      select: { type: { select: { enumValue: true } } },
      resolve: (source) => enumValueOf(source.type),
    }),
    title: t.exposeString('title', { description: "The source's own title; a title in [brackets] describes a source whose title is not known." }),
    author: t.exposeString('author', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    published: t.field({
      type: DateValueRef,
      nullable: true,
      description: 'When it was published (publication time, not event time); null when unknown.',
      select: { publishedEdtf: true },
      resolve: (source) => (source.publishedEdtf ? parseEdtf(source.publishedEdtf) : null),
    }),
    retrieved: t.field({
      type: DateValueRef,
      nullable: true,
      description: 'When it was first seen or retrieved, for sources with no publication date: knownBy counts it as on the record from then.',
      select: { retrievedEdtf: true },
      resolve: (source) => (source.retrievedEdtf ? parseEdtf(source.retrievedEdtf) : null),
    }),
    publisher: t.relation('publisher', { nullable: true }),
    reliability: t.expose('reliability', { type: ReliabilityEnum }),
    notes: t.exposeString('notes', { nullable: true }),
    basedOn: t.relation('basedOn', {
      description: 'The sources this one relies on: the article citing the AP citing anonymous officials.',
      query: { orderBy: SOURCE_ORDER },
    }),
    usedBy: t.relation('usedBy', {
      description: 'The sources that rely on this one (retired ones left out).',
      query: { where: { retiredAt: null }, orderBy: SOURCE_ORDER },
    }),
    citations: t.relation('citations', {
      description: 'The events this source speaks to, in chronological order (retired ones left out).',
      query: { where: { event: { retiredAt: null } }, orderBy: chronological().map((event) => ({ event })) },
    }),
  }),
});

export const CitationRef = builder.prismaObject('Citation', {
  description: "A source's claim about an event, with its own words and how it attributes them.",
  fields: (t) => ({
    stance: t.expose('stance', { type: StanceEnum }),
    quote: t.exposeString('quote', { nullable: true, description: "The source's own words." }),
    attribution: t.exposeString('attribution', {
      nullable: true,
      description: 'Who the source says the claim comes from, as reported: "Anonymous sources told the AP".',
    }),
    confidence: t.expose('confidence', { type: ConfidenceEnum, nullable: true }),
    note: t.exposeString('note', { nullable: true, description: "Why the citation supports or disputes the event, in the editor's words." }),
    source: t.relation('source'),
    event: t.relation('event'),
  }),
});

/** The sources of the types a list asks for (types, or the deprecated kinds), or all. */
async function ofTypes(ctx: Context, args: { types?: string[] | null; kinds?: string[] | null }): Promise<Prisma.SourceWhereInput> {
  const slugs = z
    .array(termSlugSchema)
    .max(100, 'at most 100 values')
    .safeParse(args.types ?? []);
  if (!slugs.success) throw new InputError(issuePath(slugs.error.issues[0]!.path, 'types'), issueMessage(slugs.error.issues[0]!));
  const selected = await selectedTerms(ctx.db, 'SOURCE_TYPE', { slugs: slugs.data, values: args.kinds }, 'types');
  return selected ? { kind: { in: selected } } : {};
}

builder.queryFields((t) => ({
  source: t.prismaField({
    type: 'Source',
    nullable: true,
    description: 'One source by its slug, or null.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, { slug }, ctx) => findBySlug(ctx.db, 'source', slug, (where) => ctx.db.source.findUnique({ ...query, where }), ctx.note),
  }),
  sources: t.prismaConnection(
    {
      type: 'Source',
      cursor: 'id',
      description: 'Sources by publication date (undated last), then slug.',
      maxSize: maxPageSize,
      args: {
        types: t.arg.stringList({ description: 'Only sources of these types (slugs, see terms(scheme: SOURCE_TYPE)), or of a type under one.' }),
        kinds: t.arg({
          type: [SourceKindEnum],
          deprecationReason: 'Source types are data now: use types, which takes their slugs.',
          description: 'Only sources whose type falls under these enum values.',
        }),
        retired: t.arg({ type: RetiredEnum, description: 'Retired sources: left out (EXCLUDE, default), INCLUDE or ONLY.' }),
      },
      resolve: async (query, _root, args, ctx) =>
        ctx.db.source.findMany({
          ...query,
          where: { ...(await ofTypes(ctx, args)), ...retiredWhere(args.retired) },
          orderBy: SOURCE_ORDER,
        }),
      totalCount: async (_root, args, ctx) => ctx.db.source.count({ where: { ...(await ofTypes(ctx, args)), ...retiredWhere(args.retired) } }),
    },
    { description: 'A page of sources.' },
  ),
}));
