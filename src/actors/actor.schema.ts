import { builder } from '../builder.js';
import { ExternalIdRef, externalIdsOf } from '../lib/external-id.schema.js';
import { findBySlug } from '../records/slug-redirects.js';
import { ParticipantRoleEnum } from '../vocabulary/term.schema.js';
import { selectedTerms, termSlugSchema } from '../vocabulary/terms.js';
import type { Context } from '../context.js';
import { InputError } from '../lib/errors.js';
import { issueMessage } from '../lib/schemas.js';
import { listEvents, type EventScope } from '../events/event-listing.js';
import { countOnce, eventCountFields } from '../events/event-count.schema.js';
import { EventFilterInput, EventOrderEnum, RetiredEnum, resolveFilter, retiredWhere } from '../events/event-filter.schema.js';
import { DateValueRef } from '../dates/date-value.schema.js';
import { parseEdtf } from '../dates/edtf.js';
import { Prisma } from '../generated/prisma/client.js';
import { ActorKind } from '../generated/prisma/enums.js';
import { maxPageSize } from '../lib/pagination.js';

export const ActorKindEnum = builder.enumType(ActorKind, { name: 'ActorKind' });

/** The events an actor took part in, in one of `roles` (slugs) if given. */
function participatedIn(actorId: string, roles: string[] | undefined): EventScope {
  const inRole = roles ? Prisma.sql` AND p.role = ANY(${roles}::text[])` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Participation" p WHERE p."eventId" = e.id AND p."actorId" = ${actorId}::uuid${inRole})`;
}

/** The role slugs an actor's event list asks for (roleType, or the deprecated role), or undefined for any. */
function rolesOf(ctx: Context, args: { roleType?: string | null; role?: string | null }): Promise<string[] | undefined> {
  const slug = args.roleType == null ? undefined : termSlugSchema.safeParse(args.roleType);
  if (slug && !slug.success) throw new InputError('roleType', issueMessage(slug.error.issues[0]!));
  return selectedTerms(ctx.db, 'ROLE_TYPE', { slugs: slug ? [slug.data] : undefined, values: args.role ? [args.role] : undefined }, 'roleType');
}

export const ActorRef = builder.prismaNode('Actor', {
  // Global ids come from what is stable, the type and the slug, so a reset or an import keeps them.
  id: { field: 'slug' },
  // A missing node is null, not an error; one renamed away is found again (records/renamed-nodes.ts).
  nullable: true,
  // Only the columns a query asks for are read (each field declares what it needs); id and slug
  // always, for the loaders and lists that key rows by id and the global id made from the slug.
  select: { id: true, slug: true },
  description: 'A person, government, organisation, media outlet or group that takes part in events or publishes sources.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable kebab-case ASCII name, e.g. "enrique-pena-nieto".' }),
    revision: t.exposeInt('revision', {
      description: 'How many times the actor has been written: 1 when created. An update names the revision it was based on.',
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the actor was retired: kept, and hidden from lists (null while it is live).',
    }),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: ActorKindEnum }),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.exposeStringList('aliases'),
    externalIds: t.field({ type: [ExternalIdRef], select: { externalIds: true }, resolve: (actor) => externalIdsOf(actor.externalIds) }),
    affiliations: t.relation('affiliations', {
      description: "This actor's roles in other actors: Prime Minister of the Government of Canada.",
      query: { orderBy: [{ organisation: { name: 'asc' } }, { role: 'asc' }] },
    }),
    members: t.relation('members', {
      description: 'Actors with a role in this one (retired ones left out).',
      query: { where: { actor: { retiredAt: null } }, orderBy: [{ actor: { name: 'asc' } }, { role: 'asc' }] },
    }),
    events: t.prismaConnection(
      {
        type: 'Event',
        cursor: 'id',
        description: 'Events this actor took part in, chronological by default.',
        maxSize: maxPageSize,
        args: {
          filter: t.arg({ type: EventFilterInput }),
          roleType: t.arg.string({ description: 'Only events in which the actor had this role (a slug), or one under it.' }),
          role: t.arg({
            type: ParticipantRoleEnum,
            deprecationReason: 'Roles are data now: use roleType, which takes their slugs.',
            description: 'Only events in which the actor had a role under this enum value.',
          }),
          orderBy: t.arg({ type: EventOrderEnum, defaultValue: 'CHRONOLOGICAL' }),
        },
        resolve: async (query, actor, args, ctx) =>
          listEvents(ctx.db, query, await resolveFilter(ctx, args.filter), args.orderBy, participatedIn(actor.id, await rolesOf(ctx, args))),
        totalCount: async (actor, args, ctx) => countOnce(ctx, await resolveFilter(ctx, args.filter), participatedIn(actor.id, await rolesOf(ctx, args))),
      },
      { description: "A page of an actor's events.", fields: eventCountFields },
    ),
  }),
});

builder.prismaObject('Affiliation', {
  description: "An actor's role in another actor over time.",
  fields: (t) => ({
    role: t.exposeString('role'),
    actor: t.relation('actor', { description: 'Who holds the role.' }),
    organisation: t.relation('organisation', { description: 'Where the role is held.' }),
    start: t.field({
      type: DateValueRef,
      nullable: true,
      select: { startEdtf: true },
      resolve: (a) => (a.startEdtf ? parseEdtf(a.startEdtf) : null),
    }),
    end: t.field({
      type: DateValueRef,
      nullable: true,
      description: 'Null when the role is not known to have ended.',
      select: { endEdtf: true },
      resolve: (a) => (a.endEdtf ? parseEdtf(a.endEdtf) : null),
    }),
  }),
});

function ofKinds(kinds: ActorKind[] | null | undefined): Prisma.ActorWhereInput {
  return kinds?.length ? { kind: { in: kinds } } : {};
}

/** The actors a list asks for: of some kinds, retired or not, their names holding some letters. */
function actorsWhere(args: { kinds?: ActorKind[] | null; retired?: 'EXCLUDE' | 'INCLUDE' | 'ONLY' | null; search?: string | null }): Prisma.ActorWhereInput {
  const search = args.search?.trim();
  // Prisma puts the letters between LIKE's wildcards as they are: a % or _ among them would match anything.
  const letters = search?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { ...ofKinds(args.kinds), ...retiredWhere(args.retired), ...(letters ? { name: { contains: letters, mode: 'insensitive' } } : {}) };
}

builder.queryFields((t) => ({
  actor: t.prismaField({
    type: 'Actor',
    nullable: true,
    description: 'One actor by its slug, or null.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, { slug }, ctx) => findBySlug(ctx.db, 'actor', slug, (where) => ctx.db.actor.findUnique({ ...query, where }), ctx.note),
  }),
  actors: t.prismaConnection(
    {
      type: 'Actor',
      cursor: 'id',
      description: 'Actors by name.',
      maxSize: maxPageSize,
      args: {
        kinds: t.arg({ type: [ActorKindEnum], description: 'Only actors of these kinds.' }),
        retired: t.arg({ type: RetiredEnum, description: 'Retired actors: left out (EXCLUDE, default), INCLUDE or ONLY.' }),
        search: t.arg.string({
          description: 'Only actors whose name holds these letters, in any case: "macr" finds Emmanuel Macron. For a search box as one types.',
        }),
      },
      resolve: (query, _root, args, ctx) => ctx.db.actor.findMany({ ...query, where: actorsWhere(args), orderBy: [{ name: 'asc' }, { slug: 'asc' }] }),
      totalCount: (_root, args, ctx) => ctx.db.actor.count({ where: actorsWhere(args) }),
    },
    { description: 'A page of actors.' },
  ),
}));
