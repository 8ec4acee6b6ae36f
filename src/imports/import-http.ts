// POST /import?name=FILE[&dryRun=true][&strict=true][&map=slug=id,...|&mapping=JSON][&note=WHY]: the file `chronicle import FILE` would read, sent to a
// running server, which owns the database (an embedded data directory admits one process).
// Validated and written exactly as the CLI does; answers with the same counts or problems.
import type { Plugin } from 'graphql-yoga';
import type { Access } from '../auth/access.js';
import { announce, type ChangeBus } from '../live/change-bus.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { boundedBody } from '../http/bounded-body.js';
import { InputError, UNEXPECTED } from '../lib/errors.js';
import { checkedLocale } from '../dates/localized-display.js';
import type { Logger } from '../logger.js';
import { IMPORT_PATH, type ImportResponse, MAX_IMPORT_BYTES } from './import-endpoint.js';
import { importText } from './import-text.js';
import { ImportValidationError } from './import-problems.js';
import { type ColumnMap, decodeImportBytes, parseColumnMap } from './read-import-file.js';
import { parsedMapping } from './column-mapping.js';
import { ImportFileError } from './import-problems.js';

/** A mapping sent as JSON (`chronicle import --map map.yaml --server`), checked as a file's is. */
function mappingParam(text: string | null): ColumnMap | undefined {
  if (text === null) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ImportFileError('mapping: is not valid JSON; docs/imports.md shows a mapping');
  }
  return { mapping: parsedMapping(raw, 'mapping') };
}

/** Imports need a token with the WRITE scope; the token's name is the import's author in the revisions. */
export function importRoute(logger: Logger, access: Access, client: () => PrismaClient, changes: ChangeBus): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== IMPORT_PATH) return;
      const answer = (status: number, body: ImportResponse, headers: Record<string, string> = {}) =>
        endResponse(fetchAPI.Response.json(body, { status, headers }));
      if (request.method !== 'POST') {
        answer(405, { error: { message: 'POST the file as the request body, e.g. chronicle import FILE --server URL' } }, { allow: 'POST' });
        return;
      }
      const allowed = await access.check(request, 'write');
      if ('refused' in allowed) {
        endResponse(allowed.refused);
        return;
      }
      const name = url.searchParams.get('name');
      if (!name) {
        answer(400, { error: { message: 'name the file: ?name=events.csv (its extension says the format: .csv, .ndjson or .json)' } });
        return;
      }
      const body = await boundedBody(request, MAX_IMPORT_BYTES);
      if (body === null) {
        answer(413, { error: { message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB: split it, or import it with the server stopped` } });
        return;
      }
      const dryRun = url.searchParams.get('dryRun') === 'true';
      const lang = url.searchParams.get('lang');
      try {
        const language = lang === null ? undefined : checkedLocale(lang, 'lang');
        const text = decodeImportBytes(body, name);
        const counts = await importText(client(), text, name, {
          dryRun,
          strict: url.searchParams.get('strict') === 'true',
          map: mappingParam(url.searchParams.get('mapping')) ?? parseColumnMap(url.searchParams.get('map') ?? undefined),
          by: allowed.viewer!.name,
          note: url.searchParams.get('note') ?? undefined,
          language,
        });
        if (!dryRun) announce(changes, counts);
        // The ids of the events changed are for subscribers, not for the importer.
        const { changedEvents: _, ...reported } = counts;
        answer(200, { dryRun, counts: reported });
      } catch (error) {
        if (error instanceof ImportValidationError) {
          answer(422, { error: { message: error.message, problems: error.problems, total: error.total, omitted: error.omitted } });
        } else if (error instanceof ImportFileError || error instanceof InputError) {
          answer(400, { error: { message: error.message } });
        } else {
          logger.error({ err: error }, 'import failed');
          answer(500, { error: { message: UNEXPECTED } });
        }
      }
    },
  };
}
