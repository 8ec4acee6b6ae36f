// Highlighted snippets for text search: PostgreSQL's ts_headline over an event's search text,
// one statement per page of events, HTML-escaped with <mark> around the matched words.
import escapeHtml from 'escape-html';
import type { Context } from '../context.js';
import { loader } from '../lib/loaders.js';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { queryRows } from '../db/sql.js';

// Control characters never occur in stored text, so they mark matches safely until escaping.
const START = '\u0002';
const STOP = '\u0003';
const OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

function toHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}

interface SnippetKey {
  eventId: string;
  text: string;
}

export function snippetLoader(ctx: Context) {
  return loader<SnippetKey, string | null>(
    ctx,
    'event.snippet',
    async (keys) => {
      const byText = new Map<string, string[]>();
      for (const key of keys) byText.set(key.text, [...(byText.get(key.text) ?? []), key.eventId]);
      const found = new Map<string, string>();
      for (const [text, ids] of byText) {
        const rows = await queryRows(
          ctx.db,
          z.object({ id: z.string(), headline: z.string() }),
          Prisma.sql`
        SELECT "eventId" AS id, ts_headline('english', text, plainto_tsquery('english', ${text}), ${OPTIONS}) AS headline
          FROM "EventSearch" WHERE "eventId" = ANY(${ids}::uuid[])`,
        );
        for (const row of rows) found.set(`${text}\u0000${row.id}`, toHtml(row.headline));
      }
      return keys.map((k) => found.get(`${k.text}\u0000${k.eventId}`) ?? null);
    },
    (key) => `${key.text}\u0000${key.eventId}`,
  );
}
