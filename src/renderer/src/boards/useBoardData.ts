import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc';
import type { AppError } from '../../../shared/result';
import { call } from '../api';
import { live } from '../live';

/** What a panel tells its frame: when its data last arrived, and the last error if the latest fetch failed. */
export interface PanelStatus {
  at: number | null;
  error: AppError | null;
  /** A short figure for the header, e.g. "432 open". */
  meta?: string;
}

export const PanelStatusContext = createContext<(s: Partial<PanelStatus>) => void>(() => undefined);

/** Report freshness (and optionally a header figure) to the enclosing panel frame. */
export function usePanelStatus(): (s: Partial<PanelStatus>) => void {
  return useContext(PanelStatusContext);
}

export interface BoardData<T> {
  data: T | null;
  at: number | null;
  error: AppError | null;
}

/**
 * A board query: fetched once, again whenever one of `entities` changes (the
 * live store already coalesces to one delivery per animation frame; here
 * overlapping refreshes fold into at most one in flight and one queued), and
 * every `pollMs` regardless. The poll is what makes freshness honest: when
 * the core stops answering, `at` stops moving and the panel turns stale. A
 * wall has no one to dismiss a toast, so errors go to the panel, not to toasts.
 */
export function useBoardData<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
  entities: readonly string[],
  pollMs: number,
  /** At most one change-driven refresh per this many ms (trailing): aggregates need not re-run per frame under a burst. */
  minGapMs = 500,
): BoardData<ResponseOf<C>> & { refresh: () => void } {
  const [state, setState] = useState<BoardData<ResponseOf<C>>>({ data: null, at: null, error: null });
  const report = usePanelStatus();
  const inFlight = useRef(false);
  const again = useRef(false);
  const reqRef = useRef(request);
  reqRef.current = request;
  const key = JSON.stringify(request);

  const refresh = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        const r = await call(channel, reqRef.current);
        if (r.ok) setState({ data: r.value, at: Date.now(), error: null });
        else setState((s) => ({ ...s, error: r.error }));
      } while (again.current);
    } finally {
      inFlight.current = false;
    }
  }, [channel]);

  useEffect(() => {
    report({ at: state.at, error: state.error });
  }, [report, state.at, state.error]);

  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(id);
  }, [refresh, key, pollMs]);

  const entityKey = entities.join('|');
  useEffect(() => {
    if (!entityKey) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onChange = (): void => {
      if (timer !== null) return;
      const wait = Math.max(0, last + minGapMs - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        void refresh();
      }, wait);
    };
    const offs = entityKey.split('|').map((e) => live.subscribe(e, onChange));
    return () => {
      offs.forEach((off) => off());
      if (timer !== null) clearTimeout(timer);
    };
  }, [entityKey, refresh, minGapMs]);

  return { ...state, refresh: () => void refresh() };
}
