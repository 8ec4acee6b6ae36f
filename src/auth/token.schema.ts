// Tokens through the API, for administrators (the ADMIN scope), and `viewer` for any client to see
// what its token is worth.
import { builder } from '../builder.js';
import type { ApiToken } from '../generated/prisma/client.js';
import { TokenScope } from '../generated/prisma/enums.js';
import { InputError } from '../lib/errors.js';
import { InvalidInput } from '../records/edit-errors.js';
import { EDIT_ERRORS } from '../records/edit-errors.schema.js';
import { createApiToken, revokeApiToken } from './api-tokens.js';
import type { Viewer } from './viewer.js';

const TokenScopeEnum = builder.enumType(TokenScope, {
  name: 'TokenScope',
  description: 'READ: reading when anonymous reading is off. WRITE: also mutations and imports. ADMIN: also tokens.',
});

const ApiTokenRef = builder.prismaObject('ApiToken', {
  description: 'A bearer token. Its secret is shown once, when made, and never kept.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Who or what holds it; revisions name their author by it.' }),
    scope: t.expose('scope', { type: TokenScopeEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who is asking: the holder of the token sent.',
  fields: (t) => ({
    name: t.exposeString('name'),
    scope: t.expose('scope', { type: TokenScopeEnum }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    description: 'The token this request sent, or null without one.',
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
  apiTokens: t.prismaField({
    type: ['ApiToken'],
    description: 'Every token, revoked ones included, oldest first. Needs the ADMIN scope.',
    authScopes: { admin: true },
    resolve: (query, _root, _args, ctx) => ctx.db.apiToken.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
}));

const CreatedApiTokenRef = builder.objectRef<{ token: ApiToken; secret: string }>('CreateApiTokenPayload').implement({
  fields: (t) => ({
    token: t.field({ type: ApiTokenRef, resolve: (payload) => payload.token }),
    secret: t.exposeString('secret', { description: 'Send it as Authorization: Bearer <secret>. Shown this once: store it now.' }),
  }),
});

const RevokedApiTokenRef = builder.objectRef<{ token: ApiToken }>('RevokeApiTokenPayload').implement({
  fields: (t) => ({ token: t.field({ type: ApiTokenRef, resolve: (payload) => payload.token }) }),
});

/** The token module's refusals of a name, as the typed error the other mutations answer. */
function asInvalidInput(error: unknown): never {
  if (error instanceof InputError) throw new InvalidInput([{ field: error.argument, message: error.detail }]);
  throw error;
}

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiTokenRef,
    description: 'Makes a token and answers its secret, once. Needs the ADMIN scope.',
    authScopes: { admin: true },
    args: {
      input: t.arg({
        type: builder.inputType('CreateApiTokenInput', {
          fields: (f) => ({ name: f.string({ required: true }), scope: f.field({ type: TokenScopeEnum, required: true }) }),
        }),
        required: true,
      }),
    },
    errors: { types: EDIT_ERRORS, directResult: true, union: { name: 'CreateApiTokenResult' } },
    resolve: (_root, { input }, ctx) => createApiToken(ctx.db, input.name, input.scope).catch(asInvalidInput),
  }),
  revokeApiToken: t.field({
    type: RevokedApiTokenRef,
    description: 'Stops a token working at once; it stays listed, as the author of what it wrote. Needs the ADMIN scope.',
    authScopes: { admin: true },
    args: {
      input: t.arg({ type: builder.inputType('RevokeApiTokenInput', { fields: (f) => ({ name: f.string({ required: true }) }) }), required: true }),
    },
    errors: { types: EDIT_ERRORS, directResult: true, union: { name: 'RevokeApiTokenResult' } },
    resolve: async (_root, { input }, ctx) => {
      const token = await revokeApiToken(ctx.db, input.name);
      if (!token) throw new InvalidInput([{ field: 'name', message: `no token is named "${input.name}": apiTokens lists them` }]);
      return { token };
    },
  }),
}));
