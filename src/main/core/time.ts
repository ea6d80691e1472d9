/**
 * Asia/Shanghai has had no daylight-saving time since 1991, so Beijing time is
 * a fixed UTC+8 offset; doing the arithmetic here keeps the core independent
 * of the host's time zone and ICU data.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function formatShanghai(ms: number, format: 'yyyymmdd' | 'iso'): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  if (format === 'yyyymmdd') return `${y}${m}${day}`;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${y}-${m}-${day}T${hh}:${mm}:${ss}+08:00`;
}

/** Start of the hour containing `ms` (hours are the same in UTC and UTC+8). */
export function hourStart(ms: number): number {
  return Math.floor(ms / 3600_000) * 3600_000;
}
