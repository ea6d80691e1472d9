import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc';
import { callOrToast } from '../api';
import { live } from '../live';

export interface LiveQuery<T> {
  data: T | null;
  /** When the data was last fetched (ms), for the freshness label. */
  at: number | null;
}

/**
 * A query that re-runs when any of `entities` changes. The live store already
 * coalesces per animation frame; here overlapping refreshes are folded so at
 * most one request is in flight and one follows it.
 */
export function useLiveQuery<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
  entities: readonly string[],
): LiveQuery<ResponseOf<C>> {
  const [state, setState] = useState<LiveQuery<ResponseOf<C>>>({ data: null, at: null });
  const inFlight = useRef(false);
  const again = useRef(false);
  const key = JSON.stringify(request);
  const reqRef = useRef(request);
  reqRef.current = request;

  const refresh = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    do {
      again.current = false;
      const value = await callOrToast(channel, reqRef.current);
      if (value !== null) setState({ data: value, at: Date.now() });
    } while (again.current);
    inFlight.current = false;
  }, [channel]);

  useEffect(() => {
    void refresh();
  }, [refresh, key]);

  const entityKey = entities.join('|');
  useEffect(() => {
    const offs = entityKey.split('|').map((e) => live.subscribe(e, () => void refresh()));
    return () => offs.forEach((off) => off());
  }, [entityKey, refresh]);
  return state;
}
