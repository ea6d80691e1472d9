import { useCallback, useEffect, useState } from 'react';
import type { ControllerView } from '../../../shared/contracts/exercise';
import { call } from '../api';

/** Scenario time as the controller reads it: T+hh:mm:ss. */
export function scenarioClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `T+${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/**
 * The exercise state, re-read every second while mounted: scenario time moves
 * without any store change (the engine runs on its own clock), so a change
 * feed alone would leave the banner's clock standing still.
 */
export function useExercise(intervalMs = 1000): { view: ControllerView | null; refresh: () => Promise<void> } {
  const [view, setView] = useState<ControllerView | null>(null);
  const refresh = useCallback(async (): Promise<void> => {
    const r = await call('exercise.state', {});
    if (r.ok) setView(r.value);
  }, []);
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), intervalMs);
    return () => clearInterval(id);
  }, [refresh, intervalMs]);
  return { view, refresh };
}
