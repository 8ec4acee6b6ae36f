// Imports every domain module so its types register on the builder, then builds the schema.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './dates/date-value.schema.js';
import './vocabulary/term.schema.js';
import './events/event.schema.js';
import './events/media.schema.js';
import './events/presentation.schema.js';
import './timelines/timeline.schema.js';
import './places/place.schema.js';
import './events/held-event-counts.schema.js';
import './events/histogram.schema.js';
import './events/event-neighbours.schema.js';
import './events/event-mutations.schema.js';
import './actors/actor.schema.js';
import './actors/actor-mutations.schema.js';
import './sources/source.schema.js';
import './sources/source-mutations.schema.js';
import './relationships/event-links.schema.js';
import './relationships/associates.schema.js';
import './relationships/relationship.schema.js';
import './relationships/path.schema.js';
import './relationships/network.schema.js';
import './exports/export.schema.js';
import './auth/token.schema.js';
import './history/revision.schema.js';
import './history/restore-revision.schema.js';
import './live/events-changed.schema.js';

export const schema = builder.toSchema({ sortSchema: true });

/** The schema as checked in to schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
