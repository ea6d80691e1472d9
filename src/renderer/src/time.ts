/** Beijing time is a fixed UTC+8 (no DST since 1991); formatting by offset avoids depending on ICU zone data. */
const OFFSET_MS = 8 * 3600_000;

const pad = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number): { y: number; mo: string; d: string; h: string; mi: string; s: string } {
  const t = new Date(ms + OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    mo: pad(t.getUTCMonth() + 1),
    d: pad(t.getUTCDate()),
    h: pad(t.getUTCHours()),
    mi: pad(t.getUTCMinutes()),
    s: pad(t.getUTCSeconds()),
  };
}

/** 2026-11-29 10:42:07 */
export function beijingDateTime(ms: number): string {
  const p = parts(ms);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** 11-29 10:42 — compact, for grid cells. */
export function beijingShort(ms: number): string {
  const p = parts(ms);
  return `${p.mo}-${p.d} ${p.h}:${p.mi}`;
}

/** Hour of day 0–23 in Beijing time. */
export function beijingHour(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCHours();
}
