// Loads the seed files (actors.yaml, sources.yaml, events.yaml) into the database. Everything is
// validated before anything is written, and written in one transaction by the one record writer;
// seeding twice changes nothing, updatedAt included. A malformed file fails with the file,
// record and field named. docs/records.md describes every field.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from '../src/lib/project-root.js';
import { issueMessage, issuePath } from '../src/lib/schemas.js';
import { actorRecord, eventRecord, referenceProblems, sourceRecord } from '../src/records/record-schemas.js';
import { writeRecords } from '../src/records/record-writer.js';
/** The seed files: seed/ in Chronicle's folder, whether this runs from seed/ or compiled from dist/seed/. */
export const seedDir = path.join(PROJECT_ROOT, 'seed');
export class SeedError extends Error {
}
async function readRecords(dir, file, schema) {
    const where = path.join(path.basename(dir), file);
    let raw;
    try {
        raw = parseYaml(await readFile(path.join(dir, file), 'utf8'));
    }
    catch (error) {
        throw new SeedError(`${where}: ${error.message}`);
    }
    if (!Array.isArray(raw))
        throw new SeedError(`${where}: expected a list of records`);
    return raw.map((record, index) => {
        const result = schema.safeParse(record);
        if (result.success)
            return result.data;
        const issue = result.error.issues[0];
        const name = record?.slug;
        const field = issuePath(issue.path);
        const detail = issueMessage(issue);
        throw new SeedError(`${where}: record ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}, field ${field}: ${detail}`);
    });
}
const FILES = { actors: 'actors.yaml', sources: 'sources.yaml', events: 'events.yaml' };
/** Reads and validates the seed files, including every reference between them. */
export async function readSeed(dir = seedDir) {
    const data = {
        actors: await readRecords(dir, FILES.actors, actorRecord),
        sources: await readRecords(dir, FILES.sources, sourceRecord),
        events: await readRecords(dir, FILES.events, eventRecord),
    };
    const [problem] = referenceProblems(data, (kind, index) => {
        const file = kind;
        return `${path.basename(dir)}/${FILES[file]}: record ${index + 1} (${data[file][index].slug})`;
    });
    if (problem)
        throw new SeedError(problem);
    return data;
}
/** Writes validated seed data through the one record writer, in one transaction. */
export async function writeSeed(client, data) {
    await writeRecords(client, data);
    return { actors: data.actors.length, sources: data.sources.length, events: data.events.length };
}
/** Reads, validates and writes the seed. */
export async function seed(client, dir = seedDir) {
    return writeSeed(client, await readSeed(dir));
}
/** Seeds a database that has no events yet; returns the counts, or null when it had some. */
export async function seedIfEmpty(client, dir = seedDir) {
    if ((await client.event.count()) > 0)
        return null;
    return seed(client, dir);
}
//# sourceMappingURL=seed.js.map