// The vocabularies in GraphQL: the Term type, the `terms` query, and the enums the vocabularies
// were before they became data, kept for the clients written against them (CHANGELOG.md).
import { builder } from '../builder.js';
import { TermScheme } from '../generated/prisma/enums.js';
import { ORIGINAL_VALUES, OTHER } from './terms.js';

export const TermSchemeEnum = builder.enumType(TermScheme, {
  name: 'TermScheme',
  description: 'What a term classifies: events (EVENT_TYPE), what participants did (ROLE_TYPE), or sources (SOURCE_TYPE).',
});

/** One of the enums a vocabulary was: its original values, and OTHER for the terms under none. */
function originalEnum(name: string, scheme: TermScheme, noun: string) {
  return builder.enumType(name, {
    description: `The ${noun} as an enum, from before ${noun}s were data: a term under none of these values is OTHER. Read the term itself (its slug and label) instead.`,
    values: [...ORIGINAL_VALUES[scheme], OTHER] as const,
  });
}

export const EventKindEnum = originalEnum('EventKind', 'EVENT_TYPE', 'event type');
export const ParticipantRoleEnum = originalEnum('ParticipantRole', 'ROLE_TYPE', 'participant role');
export const SourceKindEnum = originalEnum('SourceKind', 'SOURCE_TYPE', 'source type');

export const TermRef = builder.prismaObject('Term', {
  description: 'A word of one of the open vocabularies (event types, participant roles, source types), with a label for display. Its parent is broader.',
  fields: (t) => ({
    scheme: t.expose('scheme', { type: TermSchemeEnum }),
    slug: t.exposeString('slug', { description: 'What filters and imports name it by: "phone-call", "state-visit".' }),
    label: t.exposeString('label', { description: 'For display: "Phone call".' }),
    description: t.exposeString('description', { nullable: true }),
    parent: t.relation('parent', { nullable: true, description: 'The broader term: "visit" for "state-visit". A filter on a term finds the terms under it.' }),
    children: t.relation('children', { description: 'The narrower terms.', query: { orderBy: { slug: 'asc' } } }),
  }),
});

builder.queryFields((t) => ({
  terms: t.prismaField({
    type: ['Term'],
    description: 'The terms of a vocabulary, by slug: what `type`, `roleType` and the filters take.',
    args: { scheme: t.arg({ type: TermSchemeEnum, required: true }) },
    resolve: (query, _root, { scheme }, ctx) => ctx.db.term.findMany({ ...query, where: { scheme }, orderBy: { slug: 'asc' } }),
  }),
}));
