// Tokens: made and revoked by administrators, each worth its scope and no more, on GraphQL and on
// the HTTP routes alike; and a server whose timeline is not public.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { pino } from 'pino';
import { createLogger } from '../src/logger.js';
import { createChronicleYoga } from '../src/yoga.js';
import { useTestDatabase } from './helpers/database.js';
import { execute, executeAs, graphql } from './helpers/graphql.js';

const database = useTestDatabase();

const CREATE_TOKEN = graphql(`
  mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreateApiTokenPayload { secret token { name scope revokedAt } }
      ... on InvalidInput { problems { field message } }
    }
  }
`);
const REVOKE_TOKEN = graphql(
  'mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { __typename ... on RevokeApiTokenPayload { token { revokedAt } } } }',
);
const VIEWER = graphql('{ viewer { name scope } }');

describe('an administrator manages tokens', () => {
  it('makes a token whose secret works at once, lists it without any secret, and revokes it', async () => {
    const { secret: admin } = await createApiToken(database().client, 'site-admin', 'ADMIN');
    const made = await executeAs(admin, CREATE_TOKEN, { input: { name: 'timeline-frontend', scope: 'READ' } });
    const payload = made.data?.createApiToken;
    expect(payload).toMatchObject({ __typename: 'CreateApiTokenPayload', token: { name: 'timeline-frontend', scope: 'READ', revokedAt: null } });
    const secret = payload && 'secret' in payload ? payload.secret : '';
    expect(secret).toMatch(/^chronicle_[\w-]{43}$/);
    expect((await executeAs(secret, VIEWER)).data?.viewer).toEqual({ name: 'timeline-frontend', scope: 'READ' });

    const listed = await executeAs(admin, graphql('{ apiTokens { name scope } }'));
    expect(listed.data?.apiTokens).toEqual([
      { name: 'site-admin', scope: 'ADMIN' },
      { name: 'timeline-frontend', scope: 'READ' },
    ]);
    // Only a hash is kept: the secret appears nowhere in the database.
    const rows = await database().client.apiToken.findMany();
    expect(JSON.stringify(rows)).not.toContain(secret.slice('chronicle_'.length));

    const revoked = await executeAs(admin, REVOKE_TOKEN, { input: { name: 'timeline-frontend' } });
    expect(revoked.data?.revokeApiToken.__typename).toBe('RevokeApiTokenPayload');
    expect((await executeAs(secret, VIEWER)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a name taken (even by a revoked token) as invalid input', async () => {
    const { secret: admin } = await createApiToken(database().client, 'site-admin', 'ADMIN');
    await createApiToken(database().client, 'taken', 'READ');
    const again = await executeAs(admin, CREATE_TOKEN, { input: { name: 'taken', scope: 'WRITE' } });
    expect(again.data?.createApiToken).toMatchObject({ __typename: 'InvalidInput', problems: [{ field: 'name' }] });
  });

  it('keeps token management to the ADMIN scope', async () => {
    const { secret: writer } = await createApiToken(database().client, 'writer', 'WRITE');
    const refused = await executeAs(writer, CREATE_TOKEN, { input: { name: 'escalated', scope: 'ADMIN' } });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await database().client.apiToken.count({ where: { name: 'escalated' } })).toBe(0);
    expect((await execute(VIEWER)).data?.viewer).toBeNull();
  });
});

describe('a server whose timeline is not public (CHRONICLE_PUBLIC_READ=false)', () => {
  const closed = createChronicleYoga(createLogger('silent'), { client: () => database().client, publicRead: false });
  const ask = (path: string, token?: string, body?: string) =>
    closed.fetch(`http://yoga${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body } : {}),
    });

  it('answers an anonymous query 401 and a READ token its data', async () => {
    const body = JSON.stringify({ query: '{ events(first: 1) { totalCount } }' });
    const anonymous = await ask('/graphql', undefined, body);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const { secret } = await createApiToken(database().client, 'subscriber', 'READ');
    const reader = await ask('/graphql', secret, body);
    expect((await reader.json()).data.events.totalCount).toBe(await database().client.event.count());
  });

  it('answers an anonymous export 401 and a READ token the file', async () => {
    const anonymous = await ask('/export/events.csv');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.message).toContain('needs a token with the READ scope');
    const { secret } = await createApiToken(database().client, 'researcher', 'READ');
    const file = await ask('/export/events.csv', secret);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\n')[0]).toContain('slug');
  });
});

describe('POST /import', () => {
  const server = createChronicleYoga(createLogger('silent'), { client: () => database().client });
  const post = (token: string, body: string) =>
    server.fetch('http://yoga/import?name=more.ndjson&note=from%20the%20wire', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });

  it('needs the WRITE scope, and keeps the token as the author of what it wrote', async () => {
    const stored = await database().client.event.findUniqueOrThrow({ where: { slug: 'trump-macron-brussels-meeting' } });
    const line = JSON.stringify({
      type: 'event',
      slug: 'wire-report-of-the-lunch',
      title: 'The wire reports the lunch',
      kind: 'REPORT',
      status: 'REPORTED',
      date: stored.date,
      participants: [{ actor: 'donald-trump', role: 'SUBJECT' }],
      citations: [{ source: 'seed-article' }],
    });
    const { secret: reader } = await createApiToken(database().client, 'reader', 'READ');
    expect((await post(reader, line)).status).toBe(403);
    const { secret: writer } = await createApiToken(database().client, 'wire-desk', 'WRITE');
    const response = await post(writer, line);
    expect(response.status).toBe(200);
    const change = await database().client.change.findFirstOrThrow({ where: { via: 'IMPORT', by: 'wire-desk' }, include: { revisions: true } });
    expect(change.note).toBe('from the wire');
    expect(change.revisions.map((r) => r.action)).toEqual(['CREATED']);
  });
});

describe('the logs', () => {
  it('never hold a secret: not the one a request sends, nor one a mutation makes', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
    const server = createChronicleYoga(logger, { client: () => database().client });
    const { secret: admin } = await createApiToken(database().client, 'site-admin', 'ADMIN');
    const response = await server.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: 'mutation { createApiToken(input: { name: "logged", scope: WRITE }) { ... on CreateApiTokenPayload { secret } } }' }),
    });
    const made = (await response.json()).data.createApiToken.secret as string;
    await server.fetch('http://yoga/graphql?query=%7B__typename%7D', { headers: { authorization: 'Bearer chronicle_a-mistyped-secret' } });
    expect(lines.length).toBeGreaterThan(1);
    const logged = lines.join('\n');
    for (const secret of [admin, made, 'chronicle_a-mistyped-secret']) expect(logged).not.toContain(secret.slice('chronicle_'.length));
  });
});
