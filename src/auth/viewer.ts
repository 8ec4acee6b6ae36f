// Who is asking: a request's bearer token read as a viewer with a scope, or an anonymous reader.
// GraphQL (through the scope-auth plugin), the export routes and POST /import all ask here, so a
// token means the same everywhere.
import { timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { PrismaClient, TokenScope } from '../generated/prisma/client.js';
import { findApiToken, secretHash } from './api-tokens.js';

export interface Viewer {
  /** The token's name: the author revisions name. */
  name: string;
  scope: TokenScope;
  /** The stored token's id (an operator's token has none, and cannot be revoked). */
  tokenId?: string;
}

/**
 * Tokens the operator holds outside the database, each worth ADMIN: CHRONICLE_ADMIN_TOKEN, and the
 * one in an embedded data directory's lock (which only the machine's user can read).
 */
export interface OperatorToken {
  name: string;
  secret: string;
}

/** What each scope may do, as the schema's auth scopes (src/builder.ts) and the HTTP routes ask it. */
export interface Permissions {
  read: boolean;
  write: boolean;
  admin: boolean;
}

const RANK: Record<TokenScope, number> = { READ: 1, WRITE: 2, ADMIN: 3 };

export function permissionsOf(viewer: Viewer | null, publicRead: boolean): Permissions {
  const rank = viewer ? RANK[viewer.scope] : 0;
  return { read: publicRead || rank >= RANK.READ, write: rank >= RANK.WRITE, admin: rank >= RANK.ADMIN };
}

/** Why a request lacking a scope is refused: 401 without a token, 403 with one too small. */
export function refusal(viewer: Viewer | null, needed: string): { status: 401 | 403; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string } {
  return viewer
    ? {
        status: 403,
        code: 'FORBIDDEN',
        message: `the token "${viewer.name}" has the ${viewer.scope} scope; this needs ${needed}: ask an administrator for a token with it`,
      }
    : {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: `this needs a token with the ${needed} scope: send it as Authorization: Bearer <token> (chronicle token create makes one)`,
      };
}

/** A request's Authorization header was not a token this server knows (or was malformed). */
export class NotAuthenticated extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }

  /** As a GraphQL error: 401 with a Bearer challenge, as HTTP clients expect. */
  toGraphQL(): GraphQLError {
    return new GraphQLError(this.reason, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
    });
  }
}

/** Compared through their hashes: equal lengths, so timingSafeEqual tells nothing of the secret. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(Buffer.from(secretHash(given), 'hex'), Buffer.from(secretHash(expected), 'hex'));

/**
 * The viewer of a request: null without an Authorization header (an anonymous reader); refused
 * with NotAuthenticated when the header holds no token this server knows, rather than served as
 * anonymous, so a client with a mistyped or revoked token hears about it.
 */
export async function authenticate(request: Request, db: PrismaClient, operatorTokens: OperatorToken[]): Promise<Viewer | null> {
  const header = request.headers.get('authorization');
  if (header === null) return null;
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!secret) throw new NotAuthenticated('the Authorization header must be "Bearer <token>", with a token from chronicle token create');
  const viewer = await viewerOfSecret(db, secret, operatorTokens);
  if (!viewer) throw new NotAuthenticated('the bearer token is not one this server knows, or it was revoked: ask its administrator for a new one');
  return viewer;
}

/** The holder of a bearer secret: an operator's token, a live token, or null. */
export async function viewerOfSecret(db: PrismaClient, secret: string, operatorTokens: OperatorToken[]): Promise<Viewer | null> {
  const operator = operatorTokens.find((t) => sameSecret(secret, t.secret));
  if (operator) return { name: operator.name, scope: 'ADMIN' };
  const token = await findApiToken(db, secret);
  return token ? { name: token.name, scope: token.scope, tokenId: token.id } : null;
}

/**
 * A request that lasts (a subscription) ends once the token it was opened with is revoked: asked
 * before each message it would send, so a revoked reader hears nothing more.
 */
export async function refuseRevoked(db: PrismaClient, viewer: Viewer | null): Promise<void> {
  if (!viewer?.tokenId) return;
  const token = await db.apiToken.findUnique({ where: { id: viewer.tokenId }, select: { revokedAt: true } });
  if (token && !token.revokedAt) return;
  throw new NotAuthenticated(`the token "${viewer.name}" was revoked: this subscription has ended; open it again with a live token`).toGraphQL();
}
