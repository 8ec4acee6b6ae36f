// The network view, loaded when the page first shows it: vis-network is most of its weight, and a
// reader who only reads the timeline does not wait for it.
import { useEffect, useState } from 'preact/hooks';
import type { NetworkView as View } from './network-view.js';

type Props = Parameters<typeof View>[0];

export function NetworkSection(props: Props) {
  const [Loaded, setLoaded] = useState<typeof View | null>(null);
  useEffect(() => {
    void import('./network-view.js').then((module) => setLoaded(() => module.NetworkView));
  }, []);
  return Loaded ? (
    <Loaded {...props} />
  ) : (
    <section class="network" aria-busy="true">
      <h2>Who shares events</h2>
    </section>
  );
}
