// "The timeline as Chronicle had it": an event asked for asOf a moment of record time answers
// what the same query answered at that moment, from the revision history.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens.js';
import { renameRecord } from '../src/records/slug-redirects.js';
import { useTestDatabase } from './helpers/database.js';
import { executeAs, graphql, query } from './helpers/graphql.js';

const database = useTestDatabase();

const EVENT = graphql(`
  query ($slug: String!, $asOf: DateTime) {
    event(slug: $slug, asOf: $asOf) {
      id slug revision updatedAt retiredAt title summary place kind status tags unsourced disputed
      date { edtf display }
      participants { role actor { slug name } }
      citations { stance quote source { slug title } }
    }
  }
`);

const UPDATE = graphql(`
  mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { __typename ... on MutationError { message } } }
`);

const RETIRE = graphql(`
  mutation ($input: EventRetirementInput!) { retireEvent(input: $input) { __typename ... on MutationError { message } } }
`);

const SLUG = 'trump-macron-brussels-meeting';

/** A moment of record time between two writes: the clock moves on before and after it. */
async function moment(): Promise<string> {
  await sleep(15);
  const at = new Date().toISOString();
  await sleep(15);
  return at;
}

describe('an event asOf a moment of record time', () => {
  it('answers what it answered then, through edits of every kind, a rename of its actor and its retirement', async () => {
    const { secret } = await createApiToken(database().client, 'editor', 'WRITE');
    const write = async (mutation: typeof UPDATE | typeof RETIRE, input: Record<string, unknown>) => {
      const result = await executeAs(secret, mutation as typeof UPDATE, { input } as never);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toContain('MutationError');
    };
    const answers: { at: string; event: unknown }[] = [];
    const keep = async () => {
      const at = await moment();
      answers.push({ at, event: (await query(EVENT, { slug: SLUG })).event });
    };

    await keep();
    const { id } = (await query(EVENT, { slug: SLUG })).event!;
    await write(UPDATE, { id, basedOnRevision: 1, changes: { title: 'Trump and Macron meet', place: null, date: '2017-05' } });
    await keep();
    await write(UPDATE, {
      id,
      basedOnRevision: 2,
      changes: {
        participants: [
          { actor: 'donald-trump', role: 'PARTICIPANT' },
          { actor: 'emmanuel-macron', role: 'PARTICIPANT' },
        ],
        citations: [{ source: 'ap-trump-cellphone', stance: 'DISPUTES', quote: 'A quote of our own' }],
      },
    });
    await keep();
    // The actor's new slug is followed: the participants of then name the record it is now.
    await renameRecord(database().client, 'actor', 'emmanuel-macron', 'macron');
    await write(RETIRE, { id, basedOnRevision: 3 });
    await keep();

    for (const [i, { at, event }] of answers.entries()) {
      const past = (await query(EVENT, { slug: SLUG, asOf: at })).event!;
      // The same answer, but for the actors named, which are as they are now (renamed since), and
      // the time of the last change, which is the record time of its revision then.
      const renamed = i < 3 ? JSON.parse(JSON.stringify(event).replaceAll('"emmanuel-macron"', '"macron"')) : event;
      expect({ ...past, updatedAt: (event as { updatedAt: string }).updatedAt }, `as of ${at}`).toEqual(renamed);
      const revision = await database().client.revision.findFirstOrThrow({
        where: { recordKind: 'EVENT', recordId: (await database().client.event.findUniqueOrThrow({ where: { slug: SLUG } })).id, number: past.revision },
        select: { change: { select: { at: true } } },
      });
      expect(past.updatedAt).toBe(revision.change.at.toISOString());
    }
    // Before the seed made it, it was not there.
    const seeded = await database().client.change.findFirstOrThrow({ where: { via: 'SEED' }, select: { at: true } });
    expect((await query(EVENT, { slug: SLUG, asOf: new Date(seeded.at.getTime() - 1).toISOString() })).event).toBeNull();
  });
});
