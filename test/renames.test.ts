// An editor corrects a slug: the record answers to its new slug, and links made with the old one
// keep working, in lookups, filters and exports alike.
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/lib/errors.js';
import { importText } from '../src/imports/import-text.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { useTestDatabase } from './helpers/database.js';
import { eventSlugs, graphql, query, yoga } from './helpers/graphql.js';

const database = useTestDatabase();

describe('an editor renames records', () => {
  it('an event answers to its old slug after a rename', async () => {
    await renameRecord(database().client, 'event', 'trump-macron-brussels-meeting', 'macron-trump-brussels-handshake');
    const data = await query(
      graphql('{ old: event(slug: "trump-macron-brussels-meeting") { slug title } new: event(slug: "macron-trump-brussels-handshake") { slug } }'),
    );
    expect(data).toEqual({
      old: { slug: 'macron-trump-brussels-handshake', title: 'Trump and Macron meet in Brussels' },
      new: { slug: 'macron-trump-brussels-handshake' },
    });
  });

  it("an actor's old slug still filters events and exports", async () => {
    const before = await eventSlugs({ actors: ['justin-trudeau'] });
    await renameRecord(database().client, 'actor', 'justin-trudeau', 'justin-pierre-james-trudeau');
    expect(await eventSlugs({ actors: ['justin-trudeau'] })).toEqual(before);
    expect(await eventSlugs({ actors: ['justin-pierre-james-trudeau'] })).toEqual(before);
    const csv = await (await yoga.fetch('http://yoga/export/events.csv?actor=justin-trudeau')).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(before.length + 1);
  });

  it('node(id:) and nodes(ids:) answer an old global id with the renamed record', async () => {
    const ids = await query(graphql('{ actor(slug: "malcolm-turnbull") { id } other: actor(slug: "emmanuel-macron") { id } }'));
    await renameRecord(database().client, 'actor', 'malcolm-turnbull', 'malcolm-bligh-turnbull');
    const missing = Buffer.from('Actor:no-such-actor').toString('base64');
    const data = await query(
      graphql(`query ($old: ID!, $ids: [ID!]!, $missing: ID!) {
      node(id: $old) { id ... on Actor { slug } }
      gone: node(id: $missing) { id }
      nodes(ids: $ids) { ... on Actor { slug } }
    }`),
      { old: ids.actor!.id, ids: [ids.other!.id, ids.actor!.id, missing], missing },
    );
    expect(data.node).toEqual({ id: Buffer.from('Actor:malcolm-bligh-turnbull').toString('base64'), slug: 'malcolm-bligh-turnbull' });
    expect(data.gone).toBeNull();
    expect(data.nodes).toEqual([{ slug: 'emmanuel-macron' }, { slug: 'malcolm-bligh-turnbull' }, null]);
  });

  it('refuses a slug another record has, and an unknown one, changing nothing', async () => {
    const client = database().client;
    await expect(renameRecord(client, 'source', 'seed-article', 'ap-cellphone-diplomacy')).rejects.toThrow(
      'to: "ap-cellphone-diplomacy" is already the slug of another source',
    );
    await expect(renameRecord(client, 'source', 'no-such-source', 'anything')).rejects.toThrow(InputError);
    await expect(renameRecord(client, 'source', 'seed-article', 'Not A Slug')).rejects.toThrow('to: "Not A Slug" must be a kebab-case ASCII slug');
    expect(await client.source.count({ where: { slug: { in: ['seed-article', 'ap-cellphone-diplomacy'] } } })).toBe(2);
  });

  it('renaming back frees the old slug again', async () => {
    await renameRecord(database().client, 'source', 'seed-article', 'the-article');
    await renameRecord(database().client, 'source', 'the-article', 'seed-article');
    expect(await database().client.slugRedirect.findMany({ where: { kind: 'SOURCE' }, select: { slug: true } })).toEqual([{ slug: 'the-article' }]);
    expect((await query(graphql('{ source(slug: "the-article") { slug } }'))).source).toEqual({ slug: 'seed-article' });
  });

  it('a new record given an old slug takes it back from the redirect', async () => {
    const client = database().client;
    await renameRecord(client, 'actor', 'derek-chollet', 'derek-h-chollet');
    await importText(client, `${JSON.stringify({ type: 'actor', slug: 'derek-chollet', name: 'Another Derek Chollet', kind: 'PERSON' })}\n`, 'new.ndjson');
    expect((await query(graphql('{ actor(slug: "derek-chollet") { name } }'))).actor).toEqual({ name: 'Another Derek Chollet' });
    expect(await client.slugRedirect.count({ where: { kind: 'ACTOR', slug: 'derek-chollet' } })).toBe(0);
  });
});
