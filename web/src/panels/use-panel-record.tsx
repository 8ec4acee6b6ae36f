// What the event and actor panels share: the record of their own request only (an answer about
// the record opened before is not shown for the one opened now), focus on the heading once the
// record shows (the panel comes after the list in the page), and what to show until then.
import type { UseQueryState } from '@urql/preact';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function usePanelRecord<D, R extends { slug: string }>(
  state: UseQueryState<D, { slug: string }>,
  slug: string,
  recordOf: (data: D) => R | null | undefined,
  what: 'event' | 'actor',
): { record: R | undefined; heading: { current: HTMLHeadingElement | null }; waiting: JSX.Element | undefined } {
  const { data: answer, fetching, error, operation } = state;
  const data = operation?.variables.slug === slug ? answer : undefined;
  const record = data === undefined ? undefined : (recordOf(data) ?? undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (record?.slug) heading.current?.focus();
  }, [record?.slug]);
  const waiting = error ? (
    <aside class="event-panel">
      <p role="alert">{error.message}</p>
    </aside>
  ) : (fetching || answer) && !data ? (
    <aside class="event-panel" aria-busy="true" />
  ) : !record ? (
    <aside class="event-panel">
      No {what} has the slug “{slug}”.
    </aside>
  ) : undefined;
  return { record, heading, waiting };
}
