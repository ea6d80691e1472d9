/**
 * Duty dates and shift intervals in Beijing time. Asia/Shanghai has had no
 * daylight-saving time since 1991, so it is a fixed UTC+8 offset; the
 * arithmetic is done here explicitly (not with the host's time zone or ICU
 * data) so the renderer and the core compute the same epoch intervals on any
 * machine. A duty date "2026-12-01" is the Beijing calendar day on which a
 * shift starts; a night shift of that date ends on the next day.
 */
export const BEIJING_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Epoch ms of 00:00 Beijing time on a duty date, or null if it is not a real calendar date. */
export function dateStart(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - BEIJING_OFFSET_MS;
}

export function isDutyDate(date: string): boolean {
  return dateStart(date) !== null;
}

/** The Beijing calendar date containing an instant. */
export function dutyDateOf(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "HH:MM" in Beijing time. */
export function clockOf(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function addDays(date: string, n: number): string {
  const start = dateStart(date);
  if (start === null) throw new Error(`not a date: ${date}`);
  return dutyDateOf(start + n * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const sa = dateStart(a);
  const sb = dateStart(b);
  if (sa === null || sb === null) throw new Error(`not a date: ${sa === null ? a : b}`);
  return Math.round((sb - sa) / DAY_MS);
}

/** Every date from `from` to `to` inclusive. */
export function dateRange(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  const out: string[] = [];
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** All dates of a month "YYYY-MM", or null if the month is not valid. */
export function monthDates(month: string): string[] | null {
  const m = MONTH_RE.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const first = `${month}-01`;
  const days = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return dateRange(first, addDays(first, days - 1));
}

/** 0 = Sunday … 6 = Saturday, for the Beijing calendar date. */
export function weekdayOf(date: string): number {
  const start = dateStart(date);
  if (start === null) throw new Error(`not a date: ${date}`);
  return new Date(start + BEIJING_OFFSET_MS).getUTCDay();
}

/** Minutes after midnight for "HH:MM", or null. */
export function parseClock(hhmm: string): number | null {
  const m = HHMM_RE.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

export interface Interval {
  start: number;
  end: number;
}

/** The epoch interval of a shift that starts at `startMinute` on a duty date and lasts `durationMinutes`. */
export function shiftInterval(date: string, startMinute: number, durationMinutes: number): Interval {
  const day = dateStart(date);
  if (day === null) throw new Error(`not a date: ${date}`);
  const start = day + startMinute * 60_000;
  return { start, end: start + durationMinutes * 60_000 };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
