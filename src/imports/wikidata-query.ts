// `chronicle import --wikidata Q22686`: asks the Wikidata Query Service for an item's significant
// events (P793), with their dates, place and participants, in the columns wikidata-file.ts reads,
// and keeps the answer as a file, imported like any other (and kept, to import again offline).
import { writeFile } from 'node:fs/promises';
import { InputError } from '../lib/errors.js';
import { VERSION } from '../lib/version.js';

/** The SPARQL query for an item's significant events; the item itself takes part in each. */
function significantEventsQuery(qid: string): string {
  return `SELECT ?event ?eventLabel ?eventDescription ?date ?datePrecision ?start ?startPrecision ?end ?endPrecision
       ?place ?placeLabel ?coord ?participant ?participantLabel WHERE {
  VALUES ?subject { wd:${qid} }
  ?subject p:P793 ?statement .
  ?statement ps:P793 ?event .
  OPTIONAL { ?statement pqv:P585 [ wikibase:timeValue ?date ; wikibase:timePrecision ?datePrecision ] }
  OPTIONAL { ?event p:P585/psv:P585 [ wikibase:timeValue ?date ; wikibase:timePrecision ?datePrecision ] }
  OPTIONAL { ?event p:P580/psv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] }
  OPTIONAL { ?event p:P582/psv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] }
  OPTIONAL { ?event wdt:P276 ?place . OPTIONAL { ?place wdt:P625 ?coord } }
  { BIND(?subject AS ?participant) } UNION { ?event wdt:P710 ?participant }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "[AUTO_LANGUAGE],en". }
}`;
}

/** Asks `endpoint` for the item's events and writes the answer (SPARQL JSON) to `file`. */
export async function fetchSignificantEvents(qid: string, endpoint: string, file: string): Promise<void> {
  if (!/^Q\d+$/.test(qid)) throw new InputError('--wikidata', `"${qid}" is not a Wikidata item: give its QID, such as Q22686`);
  const url = new URL(endpoint);
  url.searchParams.set('query', significantEventsQuery(qid));
  let response: Response;
  try {
    // The Query Service asks every client to say who it is.
    response = await fetch(url, { headers: { accept: 'application/sparql-results+json', 'user-agent': `Chronicle/${VERSION} (chronicle import --wikidata)` } });
  } catch (error) {
    throw new InputError('--wikidata', `cannot reach ${url.origin}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
  }
  if (!response.ok) throw new InputError('--wikidata', `${url.origin} answered ${response.status} ${response.statusText}`);
  await writeFile(file, await response.text());
}
