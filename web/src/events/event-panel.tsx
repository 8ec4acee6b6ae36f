// The event open in the panel: what happened, when and where, who took part in which role, and
// who says so: the sources that support it beside those that dispute it, each with its quote,
// its reliability, the confidence of the citation and the chain of sources it rests on; then the
// previous and next events of the current filter, and the events linked to it.
import { useQuery } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { graphql, type ResultOf } from '../graphql.js';
import { usePanelRecord } from '../panels/use-panel-record.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';

export const EventPanelQuery = graphql(`
  query ExplorerEvent($slug: String!, $filter: EventFilter) {
    event(slug: $slug) {
      slug
      title
      summaryHtml
      status
      disputed
      place
      tags
      type { label }
      date { display edtf }
      location { name }
      participants { roleType { label } actor { slug name } }
      citations {
        stance
        quote
        attribution
        confidence
        source {
          slug
          title
          url
          author
          reliability
          published { display }
          publisher { name }
          basedOn { slug title }
        }
      }
      previous(filter: $filter) { slug title }
      next(filter: $filter) { slug title }
      related { kind direction event { slug title date { display } } }
    }
  }
`);

type Citation = NonNullable<ResultOf<typeof EventPanelQuery>['event']>['citations'][number];

const RELIABILITY: Record<string, string> = {
  A: 'A: reliable',
  B: 'B: usually reliable',
  C: 'C: fairly reliable',
  D: 'D: not usually reliable',
  E: 'E: unreliable',
  F: 'F: reliability unknown',
};

function CitationCard({ citation, onFilter }: { citation: Citation; onFilter: Props['onFilter'] }) {
  const { source } = citation;
  return (
    <li class="citation">
      <p class="citation-source">
        {source.url ? (
          <a href={source.url} rel="noreferrer noopener" target="_blank">
            {source.title}
          </a>
        ) : (
          source.title
        )}
        {source.publisher && <span>, {source.publisher.name}</span>}
        {source.published && <span>, {source.published.display}</span>}
      </p>
      {citation.quote && <blockquote>{citation.quote}</blockquote>}
      {citation.attribution && <p class="citation-attribution">Attribution: {citation.attribution}</p>}
      <p class="citation-meta">
        <span title="How far the source is trusted (A to F)">Reliability {RELIABILITY[source.reliability] ?? source.reliability}</span>
        {citation.confidence && <span> · confidence {citation.confidence.toLowerCase()}</span>}
      </p>
      {source.basedOn.length > 0 && <p class="citation-chain">Based on: {source.basedOn.map((b) => b.title).join('; ')}</p>}
      <button type="button" class="link" onClick={() => onFilter('sources', source.slug)}>
        Events citing this source
      </button>
    </li>
  );
}

interface Props {
  slug: string;
  filter: ExplorerFilter;
  /** Changes when a write changed the filter's events: the event is read again. */
  version: number;
  onSelect: (slug: string | undefined) => void;
  onProfile: (slug: string) => void;
  /** Adds a tag or a source to the filter. */
  onFilter: (field: 'tags' | 'sources', slug: string) => void;
}

export function EventPanel({ slug, filter, version, onSelect, onProfile, onFilter }: Props) {
  const [state, read] = useQuery({ query: EventPanelQuery, variables: { slug, filter: eventFilterOf(filter) } });
  useEffect(() => {
    if (version) read({ requestPolicy: 'network-only' });
  }, [version]);
  const { record: event, heading, waiting } = usePanelRecord(state, slug, (data) => data.event, 'event');
  // Closed, focus goes back to the event's row, so a keyboard reads on where it chose.
  const close = () => {
    const row = document.querySelector<HTMLElement>(`.event-list li[data-slug="${CSS.escape(slug)}"] button`);
    onSelect(undefined);
    row?.focus();
  };
  if (!event) return waiting!;
  const supporting = event.citations.filter((c) => c.stance === 'SUPPORTS');
  const disputing = event.citations.filter((c) => c.stance === 'DISPUTES');
  return (
    <aside class="event-panel" aria-labelledby="event-title">
      <button type="button" class="close" aria-label="Close the event" onClick={close}>
        ×
      </button>
      <p class="event-when">
        <time>{event.date.display}</time> · {event.type.label}
        {(event.location?.name ?? event.place) && <span> · {event.location?.name ?? event.place}</span>}
      </p>
      <h2 id="event-title" tabIndex={-1} ref={heading}>
        {event.title}
      </h2>
      <p class="event-status">
        Status: {event.status.toLowerCase()}
        {event.disputed && <strong class="disputed-mark"> · ⚑ disputed by a source</strong>}
      </p>
      {/* summaryHtml is the server's: cleaned by an allow-list, safe to put in a page. */}
      {event.summaryHtml && <div class="event-summary" dangerouslySetInnerHTML={{ __html: event.summaryHtml }} />}
      {event.tags.length > 0 && (
        <ul class="chips tags" aria-label="Tags: each shows the events carrying it">
          {event.tags.map((tag) => (
            <li key={tag}>
              <button type="button" class="link" onClick={() => onFilter('tags', tag)}>
                #{tag}
              </button>
            </li>
          ))}
        </ul>
      )}
      {event.participants.length > 0 && (
        <section aria-labelledby="who">
          <h3 id="who">Who</h3>
          <ul class="participants">
            {event.participants.map((p) => (
              <li key={`${p.actor.slug} ${p.roleType.label}`}>
                <button type="button" class="link" onClick={() => onProfile(p.actor.slug)}>
                  {p.actor.name}
                </button>{' '}
                <span class="role">{p.roleType.label}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="who-says" class="evidence">
        <h3 id="who-says">Who says so</h3>
        <div class="stances">
          <div>
            <h4>Supporting ({supporting.length})</h4>
            <ul>
              {supporting.map((c) => (
                <CitationCard key={c.source.slug} citation={c} onFilter={onFilter} />
              ))}
            </ul>
          </div>
          <div>
            <h4>Disputing ({disputing.length})</h4>
            {disputing.length ? (
              <ul>
                {disputing.map((c) => (
                  <CitationCard key={c.source.slug} citation={c} onFilter={onFilter} />
                ))}
              </ul>
            ) : (
              <p>No source disputes it.</p>
            )}
          </div>
        </div>
      </section>
      {event.related.length > 0 && (
        <section aria-labelledby="related">
          <h3 id="related">Related events</h3>
          <ul>
            {event.related.map((link) => (
              <li key={`${link.kind} ${link.event.slug}`}>
                <span class="relation">{link.kind.toLowerCase().replaceAll('_', ' ')}</span>{' '}
                <button type="button" class="link" onClick={() => onSelect(link.event.slug)}>
                  {link.event.title}
                </button>{' '}
                <span class="event-row-date">{link.event.date.display}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <nav class="neighbours" aria-label="Previous and next events in this filter">
        {event.previous && (
          <button type="button" onClick={() => onSelect(event.previous!.slug)}>
            ← {event.previous.title}
          </button>
        )}
        {event.next && (
          <button type="button" onClick={() => onSelect(event.next!.slug)}>
            {event.next.title} →
          </button>
        )}
      </nav>
    </aside>
  );
}
