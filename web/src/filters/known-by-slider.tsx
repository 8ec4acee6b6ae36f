// "What was public on this day": a slider over the days from the first matching event to today
// that sets the filter's knownBy, so the timeline shows only what sources had published by then;
// Play moves it forward a step at a time and replays how the record grew.
import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { HistogramQuery } from '../histogram/histogram.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';

const DAY = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
/** Steps a replay takes from start to end. */
const STEPS = 24;

interface Props {
  filter: ExplorerFilter;
  onKnownBy: (day: string | undefined) => void;
}

export function KnownBySlider({ filter, onKnownBy }: Props) {
  const { from: _from, to: _to, knownBy: _knownBy, ...rest } = filter;
  const [{ data }] = useQuery({ query: HistogramQuery, variables: { bucket: 'YEAR', filter: eventFilterOf(rest) } });
  const first = data?.histogram.buckets[0]?.start;
  const min = first ? Date.parse(first) : undefined;
  const max = Math.floor(Date.now() / DAY) * DAY;
  const at = filter.knownBy ? Date.parse(filter.knownBy) : max;
  const [dragged, setDragged] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing || min === undefined) return;
    const step = Math.max(DAY, Math.round((max - min) / STEPS / DAY) * DAY);
    const timer = setTimeout(() => {
      const next = (filter.knownBy ? at : min) + step;
      if (next >= max) {
        setPlaying(false);
        onKnownBy(undefined);
      } else onKnownBy(dayOf(next));
    }, 900);
    return () => clearTimeout(timer);
  }, [playing, filter.knownBy, min]);

  if (min === undefined || min >= max) return null;
  const shown = dragged ?? at;
  return (
    <div class="known-by">
      <label for="known-by">
        Known by <output for="known-by">{shown >= max ? 'today' : dayOf(shown)}</output>
      </label>
      <input
        id="known-by"
        type="range"
        min={min}
        max={max}
        step={DAY}
        value={shown}
        aria-valuetext={shown >= max ? 'today: everything on record' : `what was public on ${dayOf(shown)}`}
        onInput={(e) => setDragged(Number(e.currentTarget.value))}
        onChange={(e) => {
          setDragged(null);
          const value = Number(e.currentTarget.value);
          onKnownBy(value >= max ? undefined : dayOf(value));
        }}
      />
      <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play how the record grew'}
      </button>
    </div>
  );
}
