// The explorer: the filter, the histogram of its matches, the timeline and the list of its events,
// the event open beside them, and downloads of the same events. Everything it shows comes from
// the view state (view-state.ts), which the page's URL holds.
import { ActorPanel } from './actors/actor-panel.js';
import { EventList } from './events/event-list.js';
import { NetworkSection } from './network/network-section.js';
import { EventPanel } from './events/event-panel.js';
import { useEventPages } from './events/use-event-pages.js';
import { useLiveChanges } from './events/use-live-changes.js';
import { ExportLinks } from './exports/export-links.js';
import { FilterBar } from './filters/filter-bar.js';
import { Histogram } from './histogram/histogram.js';
import { KnownBySlider } from './filters/known-by-slider.js';
import { TimelineView } from './timeline/timeline-view.js';
import { type ExplorerFilter, useViewState } from './view-state.js';

export function App() {
  const [state, change] = useViewState();
  // Each write to the filter's events, heard live, reads them (and the open event) again.
  const version = useLiveChanges(state.filter);
  const pages = useEventPages(state.filter, version);
  // A new filter shows its own span: the window is fitted to its events again.
  const { window: _window, ...kept } = state;
  const setFilter = (filter: ExplorerFilter) => change({ ...kept, filter });
  // One panel at a time: an event, or an actor's page.
  const select = (event: string | undefined) => {
    const { profile: _, ...rest } = state;
    change({ ...rest, ...(event ? { event } : {}) }, state.event && event ? 'replace' : 'push');
  };
  const profile = (slug: string | undefined) => {
    const { event: _, ...rest } = state;
    change({ ...rest, ...(slug ? { profile: slug } : {}) });
  };
  const count = pages.exact ? `${pages.total}` : `more than ${pages.total}`;
  return (
    <>
      <header class="masthead">
        <h1>
          <a href="/">Chronicle</a>
        </h1>
        <p>What happened, when, who was involved, and who says so.</p>
        <nav aria-label="Chronicle">
          <a href="/graphql">GraphQL playground</a>
        </nav>
      </header>
      <main class={state.event || state.profile ? 'with-panel' : ''}>
        <FilterBar filter={state.filter} onChange={setFilter} />
        <Histogram filter={state.filter} onWindow={(from, to) => setFilter({ ...state.filter, from, to })} />
        <KnownBySlider filter={state.filter} onKnownBy={(knownBy) => change({ ...kept, filter: { ...state.filter, knownBy } }, 'replace')} />
        <section class="results" aria-labelledby="results-heading">
          <h2 id="results-heading" aria-live="polite">
            {pages.loading && pages.events.length === 0 ? 'Loading events…' : `${count} ${pages.total === 1 ? 'event' : 'events'}`}
          </h2>
          {pages.error && <p role="alert">{pages.error}</p>}
          <TimelineView
            events={pages.events}
            window={state.window}
            selected={state.event}
            onSelect={select}
            onWindow={(window) => change({ ...state, window }, 'replace')}
          />
          <EventList events={pages.events} selected={state.event} onSelect={select} />
          {pages.next && (
            <button type="button" class="more" onClick={pages.loadMore} disabled={pages.loading}>
              Load 100 more (of {count})
            </button>
          )}
          <ExportLinks filter={state.filter} />
        </section>
        <NetworkSection
          filter={state.filter}
          path={state.path}
          onProfile={profile}
          onPath={(path) => {
            const { path: _, ...rest } = state;
            change({ ...rest, ...(path ? { path } : {}) });
          }}
        />
        {state.event && (
          <EventPanel
            slug={state.event}
            filter={state.filter}
            version={version}
            onSelect={select}
            onProfile={profile}
            onFilter={(field, slug) => !state.filter[field].includes(slug) && setFilter({ ...state.filter, [field]: [...state.filter[field], slug] })}
          />
        )}
        {state.profile && (
          <ActorPanel
            slug={state.profile}
            filter={state.filter}
            onProfile={profile}
            onFilter={(slug) => setFilter({ ...state.filter, actors: [...state.filter.actors, slug] })}
          />
        )}
      </main>
    </>
  );
}
