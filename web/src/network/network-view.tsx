// Who shares events with whom among the filter's events (network), drawn as a graph (vis-network):
// an actor per node, sized by their events, an edge per pair weighted by the events they share.
// Two actors chosen below draw the shortest chain of shared events between them (path), which is
// also written out in words: the graph is for the eye, the list for everyone.
import { useQuery } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DataSet } from 'vis-data';
import { type Edge, Network, type Node, type Options } from 'vis-network';
import { graphql } from '../graphql.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';

export const NetworkQuery = graphql(`
  query ExplorerNetwork($filter: EventFilter) {
    network(filter: $filter, limit: 60) {
      nodes { eventCount actor { slug name } }
      edges { weight source { slug } target { slug } }
    }
  }
`);

export const PathQuery = graphql(`
  query ExplorerPath($from: String!, $to: String!, $filter: EventFilter) {
    path(from: $from, to: $to, filter: $filter, maxHops: 6) { hops steps { actor { slug name } via { slug title date { display } } } }
  }
`);

const OPTIONS: Options = {
  height: '420px',
  nodes: { shape: 'dot', font: { size: 14, color: '#1d1f24' }, color: { background: '#8aa6cf', border: '#1f5fbf' } },
  edges: { color: { color: '#c9ced6' }, smooth: false },
  physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
  interaction: { hover: true, keyboard: false },
};

const HIGHLIGHT = { background: '#ffe9a8', border: '#b3261e' };

interface Props {
  filter: ExplorerFilter;
  path: { from: string; to: string } | undefined;
  onProfile: (slug: string) => void;
  onPath: (path: { from: string; to: string } | undefined) => void;
}

export function NetworkView({ filter, path, onProfile, onPath }: Props) {
  const variables = { filter: eventFilterOf(filter) };
  const [{ data }] = useQuery({ query: NetworkQuery, variables });
  const [{ data: found, fetching: finding }] = useQuery({
    query: PathQuery,
    variables: { ...variables, from: path?.from ?? '', to: path?.to ?? '' },
    pause: !path,
  });
  const container = useRef<HTMLDivElement>(null);
  const network = useRef<Network | null>(null);
  const onProfileRef = useRef(onProfile);
  onProfileRef.current = onProfile;

  const nodes = data?.network.nodes ?? [];
  const chain = path ? (found?.path?.steps ?? []) : [];
  const onChain = new Set(chain.map((s) => s.actor.slug));
  const links = new Set(chain.slice(1).map((s, i) => [chain[i]!.actor.slug, s.actor.slug].sort().join(' ')));

  useEffect(() => {
    if (!container.current || !data) return;
    const graphNodes = new DataSet<Node>(
      data.network.nodes.map((n) => ({
        id: n.actor.slug,
        label: n.actor.name,
        value: n.eventCount,
        title: `${n.actor.name}: ${n.eventCount} events`,
        ...(onChain.has(n.actor.slug) ? { color: HIGHLIGHT, borderWidth: 3 } : {}),
      })),
    );
    const graphEdges = new DataSet<Edge>(
      data.network.edges.map((e) => {
        const onPath = links.has([e.source.slug, e.target.slug].sort().join(' '));
        return {
          id: `${e.source.slug} ${e.target.slug}`,
          from: e.source.slug,
          to: e.target.slug,
          value: e.weight,
          title: `${e.weight} shared events`,
          ...(onPath ? { color: { color: '#b3261e' }, width: 4 } : {}),
        };
      }),
    );
    const view = new Network(container.current, { nodes: graphNodes, edges: graphEdges }, OPTIONS);
    view.on('click', ({ nodes: clicked }: { nodes: string[] }) => clicked[0] && onProfileRef.current(clicked[0]));
    network.current = view;
    return () => view.destroy();
  }, [data, found]);

  // The ends chosen so far: the chain is drawn (and in the URL) once both are.
  const [ends, setEnds] = useState({ from: path?.from ?? '', to: path?.to ?? '' });
  useEffect(() => setEnds({ from: path?.from ?? '', to: path?.to ?? '' }), [path?.from, path?.to]);
  const choose = (end: 'from' | 'to', slug: string) => {
    const next = { ...ends, [end]: slug };
    setEnds(next);
    if (next.from && next.to) onPath(next);
    else if (path) onPath(undefined);
  };
  const select = (end: 'from' | 'to', label: string) => (
    <label for={`path-${end}`}>
      {label}
      <select id={`path-${end}`} value={ends[end]} onChange={(e) => choose(end, e.currentTarget.value)}>
        <option value="">Choose an actor</option>
        {nodes.map((n) => (
          <option key={n.actor.slug} value={n.actor.slug}>
            {n.actor.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section class="network" aria-labelledby="network-heading">
      <h2 id="network-heading">Who shares events</h2>
      {data && nodes.length === 0 && <p>No actors take part in these events.</p>}
      <div
        class="network-graph"
        hidden={data !== undefined && nodes.length === 0}
        ref={container}
        role="img"
        aria-label={`${nodes.length} actors and the events they share; the chain below in words`}
      />
      <div class="filter-pickers path-pickers">
        {select('from', 'Chain from')}
        {select('to', 'Chain to')}
      </div>
      {path && !finding && (
        <ol class="path-steps" aria-label="The shortest chain of shared events">
          {found?.path ? (
            chain.map((step) => (
              <li key={step.actor.slug}>
                {step.via && (
                  <span class="via">
                    via {step.via.title} ({step.via.date.display}) →{' '}
                  </span>
                )}
                <button type="button" class="link" onClick={() => onProfile(step.actor.slug)}>
                  {step.actor.name}
                </button>
              </li>
            ))
          ) : (
            <li>No chain of shared events joins them in this filter.</li>
          )}
        </ol>
      )}
    </section>
  );
}
