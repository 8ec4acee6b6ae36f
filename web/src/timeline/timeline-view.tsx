// The zoomable, scrollable timeline (vis-timeline) of the events a filter matches. The items are
// made from each event's fragment (timeline-items.ts); the window on screen and the selected
// event are the view state's, so a permalink opens the same span with the same event selected.
import { DataSet } from 'vis-data';
import { type DataItem, Timeline, type TimelineOptions } from 'vis-timeline';
import { useEffect, useRef } from 'preact/hooks';
import moment from 'moment';
import { majorLabel, minorLabel } from './axis-labels.js';
import { type TimelineEvent, timelineItemOf } from './timeline-items.js';

interface Props {
  events: TimelineEvent[];
  window: { start: string; end: string } | undefined;
  selected: string | undefined;
  onSelect: (slug: string | undefined) => void;
  onWindow: (window: { start: string; end: string }) => void;
}

const OPTIONS: TimelineOptions = {
  height: '360px',
  stack: true,
  zoomKey: 'ctrlKey',
  // No markup from the data: items and their tooltips carry DOM nodes whose text was set as text.
  xss: { disabled: false },
  tooltip: { followMouse: true },
  // Years before the common era: JavaScript dates reach 271,821 BC.
  min: new Date(-8_640_000_000_000_000),
  max: new Date(8_640_000_000_000_000),
  zoomMin: 60 * 60 * 1000,
  // Dates are drawn in UTC, as Chronicle's instants are: a day is the day it says everywhere.
  moment: (date?: moment.MomentInput) => moment(date).utc(),
  format: { minorLabels: minorLabel, majorLabels: majorLabel } as unknown as TimelineOptions['format'],
};

export function TimelineView({ events, window, selected, onSelect, onWindow }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | null>(null);
  const items = useRef(new DataSet<DataItem>());
  // The latest handlers, for listeners added once.
  const handlers = useRef({ onSelect, onWindow });
  handlers.current = { onSelect, onWindow };

  useEffect(() => {
    const view = new Timeline(container.current!, items.current, OPTIONS);
    view.on('select', ({ items: chosen }: { items: string[] }) => handlers.current.onSelect(chosen[0]));
    view.on('rangechanged', ({ start, end, byUser }: { start: Date; end: Date; byUser: boolean }) => {
      if (byUser) handlers.current.onWindow({ start: start.toISOString(), end: end.toISOString() });
    });
    timeline.current = view;
    return () => view.destroy();
  }, []);

  useEffect(() => {
    const now = new Date();
    items.current.clear();
    items.current.add(events.map((e) => timelineItemOf(e, now)).filter((item): item is DataItem => item !== null));
    if (!window && events.length) timeline.current?.fit({ animation: false });
  }, [events]);

  useEffect(() => {
    if (window) timeline.current?.setWindow(new Date(window.start), new Date(window.end), { animation: false });
  }, [window?.start, window?.end]);

  useEffect(() => {
    timeline.current?.setSelection(selected ? [selected] : [], { focus: false, animation: {} });
  }, [selected, events]);

  return <div class="timeline" ref={container} role="img" aria-label="Timeline of the events listed below" />;
}
