// Actors by name as one types: actors(search:) after a short pause, each a button that adds the
// actor to the filter. The buttons follow the field in the tab order, and a live line says how
// many were found, for those who do not see the list appear.
import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../graphql.js';

export const ActorSearchQuery = graphql(`
  query ExplorerActorSearch($search: String!) {
    actors(search: $search, first: 8) { edges { node { slug name kind } } }
  }
`);

export function ActorPicker({ onPick }: { onPick: (slug: string) => void }) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const wait = setTimeout(() => setSearch(typed.trim()), 200);
    return () => clearTimeout(wait);
  }, [typed]);
  // From three letters: the trigrams the server's index is made of.
  const [{ data }] = useQuery({ query: ActorSearchQuery, variables: { search }, pause: search.length < 3 });
  const found = search.length >= 3 ? (data?.actors.edges.map((e) => e.node) ?? []) : [];
  return (
    <div class="actor-picker">
      <label for="actor-search">Actor</label>
      <input
        id="actor-search"
        type="search"
        aria-controls={found.length > 0 ? 'actor-options' : undefined}
        autocomplete="off"
        placeholder="Type a name"
        value={typed}
        onInput={(e) => setTyped(e.currentTarget.value)}
      />
      <span class="visually-hidden" aria-live="polite">
        {search.length >= 3 ? `${found.length} ${found.length === 1 ? 'actor' : 'actors'} found` : ''}
      </span>
      {found.length > 0 && (
        <ul id="actor-options" aria-label="Actors found">
          {found.map((actor) => (
            <li key={actor.slug}>
              <button
                type="button"
                onClick={() => {
                  onPick(actor.slug);
                  setTyped('');
                }}
              >
                {actor.name} <span class="kind">{actor.kind.toLowerCase().replaceAll('_', ' ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
