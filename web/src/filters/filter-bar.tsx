// The filter as controls: words, a time window at any precision (2017, 2017-05, 2017-05-25),
// "known by" a day, actors found as one types, event types from the vocabulary; each filter in
// force is a chip that removes it. Applying a filter is a step in the browser's history.
import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../graphql.js';
import type { ExplorerFilter } from '../view-state.js';
import { ActorPicker } from './actor-picker.js';

export const TypesQuery = graphql(`
  query ExplorerEventTypes { terms(scheme: EVENT_TYPE) { slug label } }
`);

interface Props {
  filter: ExplorerFilter;
  onChange: (filter: ExplorerFilter) => void;
}

type ListField = 'actors' | 'types' | 'tags' | 'sources' | 'timelines';
const LIST_LABELS: Record<ListField, string> = { actors: 'Actor', types: 'Type', tags: 'Tag', sources: 'Source', timelines: 'Timeline' };

export function FilterBar({ filter, onChange }: Props) {
  const [draft, setDraft] = useState({ text: filter.text ?? '', from: filter.from ?? '', to: filter.to ?? '', knownBy: filter.knownBy ?? '' });
  // A permalink or the back button changes the filter from outside: the fields follow.
  useEffect(() => setDraft({ text: filter.text ?? '', from: filter.from ?? '', to: filter.to ?? '', knownBy: filter.knownBy ?? '' }), [filter]);
  const [{ data: types }] = useQuery({ query: TypesQuery });
  const [type, setType] = useState('');
  const label = (field: ListField, slug: string) => (field === 'types' ? (types?.terms.find((t) => t.slug === slug)?.label ?? slug) : slug);
  const add = (field: ListField, slug: string) => !filter[field].includes(slug) && onChange({ ...filter, [field]: [...filter[field], slug] });
  const remove = (field: ListField, slug: string) => onChange({ ...filter, [field]: filter[field].filter((s) => s !== slug) });
  const apply = (event: Event) => {
    event.preventDefault();
    const value = (v: string) => v.trim() || undefined;
    onChange({ ...filter, text: value(draft.text), from: value(draft.from), to: value(draft.to), knownBy: value(draft.knownBy) });
  };
  const field = (name: keyof typeof draft, text: string, placeholder: string) => (
    <label>
      {text}
      <input name={name} type="text" placeholder={placeholder} value={draft[name]} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} />
    </label>
  );
  return (
    <section class="filters" aria-label="Filter the events">
      <form onSubmit={apply} class="filter-fields">
        {field('text', 'Words', 'cellphone number')}
        {field('from', 'From', '2017-05')}
        {field('to', 'To', '2017-06-04')}
        {field('knownBy', 'Known by', '2017-05-31')}
        <button type="submit">Apply</button>
      </form>
      <div class="filter-pickers">
        <ActorPicker onPick={(slug) => add('actors', slug)} />
        {/* A type is added by its button, not by choosing it: arrowing through the menu changes nothing. */}
        <form
          class="type-picker"
          onSubmit={(e) => {
            e.preventDefault();
            if (type) add('types', type);
            setType('');
          }}
        >
          <label for="type-filter">
            Type
            <select id="type-filter" value={type} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="">Any type</option>
              {types?.terms.map((term) => (
                <option key={term.slug} value={term.slug}>
                  {term.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!type}>
            Add type
          </button>
        </form>
      </div>
      <ul class="chips" aria-label="Filters in force">
        {(Object.keys(LIST_LABELS) as ListField[]).flatMap((name) =>
          filter[name].map((slug) => (
            <li key={`${name} ${slug}`}>
              {LIST_LABELS[name]}: {label(name, slug)}
              <button type="button" aria-label={`Remove ${LIST_LABELS[name].toLowerCase()} ${label(name, slug)}`} onClick={() => remove(name, slug)}>
                ×
              </button>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
