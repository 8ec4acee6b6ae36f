// Every operation the explorer sends. The build persists them (scripts/build-web.mjs): the page
// sends each by its hash alone, and a server set to take persisted operations only
// (CHRONICLE_PERSISTED_ONLY=true) answers these and refuses any other.
import { EventPanelQuery } from './events/event-panel.js';
import { EventsPageQuery } from './events/use-event-pages.js';
import { EventsChangedSubscription } from './events/use-live-changes.js';
import { FormatsQuery } from './exports/export-links.js';
import { ActorSearchQuery } from './filters/actor-picker.js';
import { TypesQuery } from './filters/filter-bar.js';
import { HistogramQuery } from './histogram/histogram.js';
import { ActorPanelQuery } from './actors/actor-panel.js';
import { NetworkQuery, PathQuery } from './network/network-view.js';

export const OPERATIONS = [
  EventsPageQuery,
  EventPanelQuery,
  FormatsQuery,
  ActorSearchQuery,
  TypesQuery,
  HistogramQuery,
  EventsChangedSubscription,
  ActorPanelQuery,
  NetworkQuery,
  PathQuery,
];
