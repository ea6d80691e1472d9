import { useCallback, useEffect, useRef, useState } from 'react';

/** The current time, re-read every `intervalMs`: clocks and "updated 3 s ago" labels. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * State for values set from live-change handlers, many times a second and
 * mostly unchanged. React keeps every `setState` whose value equals the
 * current one (an eager bail-out) in the component's update queue until the
 * component next renders — and a wall panel may not re-render for hours, so
 * those updates, with whatever their closures hold, pile up (a City overview
 * grew ~50 MB an hour keeping old map states that way). This setter reaches
 * React only when `same` says the value changed.
 */
export function useChangedState<T>(initial: T, same: (a: T, b: T) => boolean = Object.is): [T, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const last = useRef(initial);
  const sameRef = useRef(same);
  sameRef.current = same;
  const set = useCallback((next: T) => {
    if (sameRef.current(last.current, next)) return;
    last.current = next;
    setValue(next);
  }, []);
  return [value, set];
}
