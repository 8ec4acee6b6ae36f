// Identifiers of a record in other registers (Wikidata, GeoNames), as actors and places carry
// them: stored as {scheme: value}, given in GraphQL as a list in the schemes' order.
import { builder } from '../builder.js';

interface ExternalId {
  scheme: string;
  value: string;
}

export const ExternalIdRef = builder.objectRef<ExternalId>('ExternalId').implement({
  description: 'An identifier of the record in another register, such as Wikidata or GeoNames.',
  fields: (t) => ({
    scheme: t.exposeString('scheme', { description: 'The register, e.g. "wikidata".' }),
    value: t.exposeString('value', { description: 'The identifier there, e.g. "Q22686".' }),
  }),
});

export function externalIdsOf(stored: unknown): ExternalId[] {
  return Object.entries((stored ?? {}) as Record<string, unknown>)
    .map(([scheme, value]) => ({ scheme, value: String(value) }))
    .sort((a, b) => a.scheme.localeCompare(b.scheme));
}
