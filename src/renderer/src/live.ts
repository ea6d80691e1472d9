import { useEffect, useRef } from 'react';
import { bridge, call } from './api';
import { LiveStore, type EntityListener } from './live-store';

export { LiveStore, type EntityChanges, type EntityListener } from './live-store';

export const live = new LiveStore(
  bridge,
  async (cursor) => {
    const r = await call('changes.since', { cursor });
    return r.ok ? r.value : null;
  },
  () => window.location.reload(),
  { request: (cb) => requestAnimationFrame(cb), cancel: (id) => cancelAnimationFrame(id) },
);

/** Subscribe a component to changes of one entity kind; the latest callback is always used. */
export function useEntityChanges(entity: string, listener: EntityListener): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => live.subscribe(entity, (c) => ref.current(c)), [entity]);
}
