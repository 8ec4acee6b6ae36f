// How many of the matching events started in each year, month or day, as bars: a drag across
// them sets the filter's time window to the buckets it covers (the From and To fields do the same
// from the keyboard). The bucket size follows the span: years, or months when the matches fit in
// a few years, or days when they fit in a few months.
import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../graphql.js';
import { type ExplorerFilter, eventFilterOf } from '../view-state.js';

export const HistogramQuery = graphql(`
  query ExplorerHistogram($bucket: BucketSize!, $filter: EventFilter) {
    histogram(bucket: $bucket, filter: $filter) { total buckets { start end started } }
  }
`);

type Bucket = 'YEAR' | 'MONTH' | 'DAY';

/** A bucket's start as an EDTF date at the bucket's precision: 2017, 2017-05, 2017-05-25. */
function edtfOf(iso: string, bucket: Bucket): string {
  const [date] = iso.split('T') as [string];
  const negative = date.startsWith('-');
  const [year, month, day] = (negative ? date.slice(1) : date).split('-') as [string, string, string];
  // ISO's extended years (+002017, -000043) as EDTF's four digits.
  const y = `${negative ? '-' : ''}${String(Number(year)).padStart(4, '0')}`;
  return bucket === 'YEAR' ? y : bucket === 'MONTH' ? `${y}-${month}` : `${y}-${month}-${day}`;
}

/** Two EDTF days, months or years compared as numbers (-0043 is before 0001), at the coarser precision. */
function compareAtCoarser(a: string, b: string): number {
  const parts = (edtf: string) => (/^(-?\d+)(?:-(\d\d))?(?:-(\d\d))?/.exec(edtf) ?? []).slice(1).filter(Boolean).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

function useBuckets(filter: ExplorerFilter) {
  const { from: _from, to: _to, ...rest } = filter;
  const overall = eventFilterOf({ ...rest });
  const [years] = useQuery({ query: HistogramQuery, variables: { bucket: 'YEAR', filter: overall } });
  const fewYears = (years.data?.histogram.buckets.length ?? 99) < 4;
  const [months] = useQuery({ query: HistogramQuery, variables: { bucket: 'MONTH', filter: overall }, pause: !fewYears });
  const fewMonths = fewYears && (months.data?.histogram.buckets.length ?? 99) < 4;
  const [days] = useQuery({ query: HistogramQuery, variables: { bucket: 'DAY', filter: overall }, pause: !fewMonths });
  if (years.error) return { error: years.error.graphQLErrors[0]?.message ?? years.error.message };
  if (fewMonths && days.data) return { bucket: 'DAY' as const, buckets: days.data.histogram.buckets };
  if (fewYears && months.data && !fewMonths) return { bucket: 'MONTH' as const, buckets: months.data.histogram.buckets };
  if (!fewYears && years.data) return { bucket: 'YEAR' as const, buckets: years.data.histogram.buckets };
  return undefined;
}

export function Histogram({ filter, onWindow }: { filter: ExplorerFilter; onWindow: (from: string, to: string) => void }) {
  const found = useBuckets(filter);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  if (found && 'error' in found) return <p class="histogram histogram-note">No histogram: {found.error}</p>;
  if (!found || found.buckets.length === 0) return <div class="histogram" aria-hidden="true" />;
  const { bucket, buckets } = found;
  const highest = Math.max(1, ...buckets.map((b) => b.started));
  const width = 100 / buckets.length;
  const [low, high] = drag ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : [-1, -1];
  // Whether a bucket is in the filter's window, compared at the coarser of the two precisions.
  const inWindow = (i: number) => {
    const at = edtfOf(buckets[i]!.start, bucket);
    const from = !filter.from || compareAtCoarser(at, filter.from) >= 0;
    const to = !filter.to || compareAtCoarser(at, filter.to) <= 0;
    return (filter.from || filter.to) && from && to;
  };
  const finish = () => {
    if (drag) onWindow(edtfOf(buckets[low]!.start, bucket), edtfOf(buckets[high]!.start, bucket));
    setDrag(null);
  };
  return (
    <figure class="histogram">
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        role="img"
        aria-label={`Events per ${bucket.toLowerCase()}; drag across the bars to set the time window`}
        onPointerUp={finish}
        onPointerLeave={() => setDrag(null)}
      >
        {buckets.map((b, i) => (
          // Each bucket answers the pointer over its whole height, an empty one too.
          <g key={b.start} onPointerDown={() => setDrag({ from: i, to: i })} onPointerEnter={() => drag && setDrag({ ...drag, to: i })}>
            <rect class="hit" x={i * width} y={0} width={width} height={40} />
            <rect
              x={i * width}
              y={40 - (38 * b.started) / highest}
              width={Math.max(width - 0.2, 0.1)}
              height={(38 * b.started) / highest}
              class={i >= low && i <= high ? 'dragged' : inWindow(i) ? 'in-window' : ''}
            />
            <title>
              {edtfOf(b.start, bucket)}: {b.started} events
            </title>
          </g>
        ))}
      </svg>
      <figcaption>
        {edtfOf(buckets[0]!.start, bucket)} to {edtfOf(buckets.at(-1)!.start, bucket)}, per {bucket.toLowerCase()}
      </figcaption>
    </figure>
  );
}
