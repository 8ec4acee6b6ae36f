// API tokens: made with a random secret shown once, kept as its SHA-256 only, found by that hash
// when a request presents the secret, and revoked rather than deleted (revisions name their
// author by the token's name, which is therefore never reused).
import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, PrismaClient, TokenScope } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { InputError } from '../lib/errors.js';

/** What a token's secret starts with: a scanner (or a person) can tell one when it leaks. */
const SECRET_PREFIX = 'chronicle_';

/** A secret's hash as stored: a secret of 256 random bits needs no slow hash to be safe at rest. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A token's name: what revisions show as their author. */
const TOKEN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,79}$/u;

export interface CreatedToken {
  token: ApiToken;
  /** The secret, which is not stored: shown to its maker once. */
  secret: string;
}

export async function createApiToken(db: PrismaClient, name: string, scope: TokenScope): Promise<CreatedToken> {
  const trimmed = name.trim();
  if (!TOKEN_NAME.test(trimmed)) {
    throw new InputError('name', 'must be 1 to 80 letters, digits, spaces or . _ @ -, starting with a letter or digit, e.g. "newsroom-editor"');
  }
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  try {
    const token = await db.apiToken.create({ data: { name: trimmed, scope, secretHash: secretHash(secret) } });
    return { token, secret };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new InputError('name', `a token named "${trimmed}" exists (revoked tokens keep their names): choose another name`);
    }
    throw error;
  }
}

export function listApiTokens(db: PrismaClient): Promise<ApiToken[]> {
  return db.apiToken.findMany({ orderBy: { createdAt: 'asc' } });
}

/** Revokes the token of that name; returns it, or null when there is none. Revoking twice is harmless. */
export async function revokeApiToken(db: PrismaClient, name: string): Promise<ApiToken | null> {
  const found = await db.apiToken.findUnique({ where: { name: name.trim() } });
  if (!found) return null;
  if (found.revokedAt) return found;
  return db.apiToken.update({ where: { id: found.id }, data: { revokedAt: new Date() } });
}

/** The live token whose secret this is, or null. */
export async function findApiToken(db: PrismaClient, secret: string): Promise<ApiToken | null> {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const token = await db.apiToken.findUnique({ where: { secretHash: secretHash(secret) } });
  return token && !token.revokedAt ? token : null;
}
