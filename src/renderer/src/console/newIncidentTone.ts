import { useEffect, useState } from 'react';
import { bridge } from '../api';

const KEY = 'wf.console.sound';

/** Whether this seat wants the new-incident tone; off unless the operator turned it on here. */
export function useSoundSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState<boolean>(() => {
    try {
      return localStorage.getItem(KEY) === 'on';
    } catch {
      return false;
    }
  });
  const set = (v: boolean): void => {
    setOn(v);
    try {
      localStorage.setItem(KEY, v ? 'on' : 'off');
    } catch {
      // A window without storage still toggles for this session.
    }
  };
  return [on, set];
}

let audio: AudioContext | null = null;

/** A short two-note chime from an oscillator: no audio files to ship or load. */
export function playTone(): void {
  const Ctor = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Ctor) return;
  audio ??= new Ctor();
  const ctx = audio;
  if (ctx.state === 'suspended') void ctx.resume();
  const start = ctx.currentTime;
  [880, 660].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.17);
  });
}

/**
 * While enabled, chime once per pushed batch that inserts an incident (a feed
 * burst of many new incidents is one chime, not a din). Listens to the raw
 * push because the live store folds inserts and updates together.
 */
export function useNewIncidentTone(enabled: boolean, onTone: () => void = playTone): void {
  useEffect(() => {
    const api = bridge();
    if (!enabled || !api) return;
    return api.on('changes', (batch) => {
      if (batch.changes.some((c) => c.entity === 'incident' && c.op === 'insert')) onTone();
    });
  }, [enabled, onTone]);
}
