import { SHANGHAI_OFFSET_MS } from '../time';

/** ISO-8601 in Beijing time with milliseconds: 2026-07-14T08:05:00.000+08:00 (the protocol wants an offset). */
export function isoShanghaiMs(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}
