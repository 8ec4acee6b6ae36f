// An actor's page, in the panel: who they are, their roles in organisations over time, and the
// actors they share the most events with in the current filter, each a link to their own page.
import { useQuery } from '@urql/preact';
import { graphql } from '../graphql.js';
import { usePanelRecord } from '../panels/use-panel-record.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';

export const ActorPanelQuery = graphql(`
  query ExplorerActor($slug: String!, $filter: EventFilter) {
    actor(slug: $slug) {
      slug
      name
      kind
      description
      aliases
      affiliations { role organisation { slug name } start { display } end { display } }
      members { role actor { slug name } start { display } end { display } }
      events(filter: $filter, first: 1) { totalCount }
      associates(filter: $filter, first: 10) { edges { node { sharedEventCount actor { slug name } } } }
    }
  }
`);

interface Props {
  slug: string;
  filter: ExplorerFilter;
  onProfile: (slug: string | undefined) => void;
  onFilter: (slug: string) => void;
}

const span = (start?: { display: string } | null, end?: { display: string } | null) =>
  start || end ? ` (${start?.display ?? '…'} to ${end?.display ?? 'now or unknown'})` : '';

export function ActorPanel({ slug, filter, onProfile, onFilter }: Props) {
  const [state] = useQuery({ query: ActorPanelQuery, variables: { slug, filter: eventFilterOf(filter) } });
  const { record: actor, heading, waiting } = usePanelRecord(state, slug, (data) => data.actor, 'actor');
  if (!actor) return waiting!;
  return (
    <aside class="event-panel actor-panel" aria-labelledby="actor-name">
      <button type="button" class="close" aria-label="Close the actor" onClick={() => onProfile(undefined)}>
        ×
      </button>
      <p class="event-when">{actor.kind.toLowerCase().replaceAll('_', ' ')}</p>
      <h2 id="actor-name" tabIndex={-1} ref={heading}>
        {actor.name}
      </h2>
      {actor.aliases.length > 0 && <p class="event-status">Also: {actor.aliases.join(', ')}</p>}
      {actor.description && <p>{actor.description}</p>}
      <p>
        {actor.events.totalCount} {actor.events.totalCount === 1 ? 'event' : 'events'} in this filter.{' '}
        {!filter.actors.includes(actor.slug) && (
          <button type="button" class="link" onClick={() => onFilter(actor.slug)}>
            Show only theirs
          </button>
        )}
      </p>
      {actor.affiliations.length > 0 && (
        <section aria-labelledby="roles">
          <h3 id="roles">Roles</h3>
          <ul>
            {actor.affiliations.map((a) => (
              <li key={`${a.organisation.slug} ${a.role}`}>
                {a.role},{' '}
                <button type="button" class="link" onClick={() => onProfile(a.organisation.slug)}>
                  {a.organisation.name}
                </button>
                {span(a.start, a.end)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {actor.members.length > 0 && (
        <section aria-labelledby="members">
          <h3 id="members">Members</h3>
          <ul>
            {actor.members.map((m) => (
              <li key={`${m.actor.slug} ${m.role}`}>
                <button type="button" class="link" onClick={() => onProfile(m.actor.slug)}>
                  {m.actor.name}
                </button>
                , {m.role}
                {span(m.start, m.end)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="associates">
        <h3 id="associates">Shares events with</h3>
        <ul class="associates">
          {actor.associates.edges.map(({ node }) => (
            <li key={node.actor.slug}>
              <button type="button" class="link" onClick={() => onProfile(node.actor.slug)}>
                {node.actor.name}
              </button>{' '}
              <span class="role">
                {node.sharedEventCount} {node.sharedEventCount === 1 ? 'event' : 'events'}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
