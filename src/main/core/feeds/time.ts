/**
 * Event times from feeds: ISO-8601 with an offset, checked field by field
 * (Date.parse alone accepts 30 February) and bounded to 1990–2200. It runs for
 * every event, so it avoids the regex for the shapes feeds nearly always send.
 */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in month `mo` (1–12) of year `y`, proleptic Gregorian as Date uses. */
function daysIn(y: number, mo: number): number {
  return mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[mo - 1];
}

/**
 * ISO-8601 with an offset → epoch ms, or null when it is not one (Date.parse alone accepts 30 February).
 * Computed from the matched fields (what Date.parse gave for the normalised string: fractions beyond
 * milliseconds truncated), since it runs for every event.
 */
export function parseTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const common = parseCommonTime(s);
  if (common !== undefined) return common;
  const m = ISO_TIME.exec(s);
  if (!m) return null;
  return timeOf(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
    m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0')),
    m[8] === '-' ? -1 : 1,
    m[9] === undefined ? 0 : Number(m[9]),
    m[10] === undefined ? 0 : Number(m[10]),
  );
}

/** Range checks and the instant, shared by both parsers so they cannot drift apart. */
function timeOf(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  ms: number,
  sign: number,
  oh: number,
  om: number,
): number | null {
  // Date.UTC reads years below 100 as 19xx; any year below 1000 is outside the accepted range anyway.
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  if (h > 23 || mi > 59 || sec > 59 || oh > 14 || om > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - sign * (oh * 60 + om) * 60_000;
  if (!Number.isFinite(t) || t < EARLIEST || t > LATEST) return null;
  return t;
}

/** ASCII digits s[i, i + n) as a number, or -1 if any is not one (as the regex's \d). */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The shapes feeds send almost always — `YYYY-MM-DDTHH:MM:SS`, optional `.mmm`, then `Z` or
 * `±HH:MM` — read without the regex. Each is a subset of ISO_TIME's language with the same fields,
 * so the answer is the one the regex path would give; `undefined` means "not this shape".
 */
function parseCommonTime(s: string): number | null | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    ms = digits(s, 20, 3);
    if (ms < 0) return undefined;
    i = 23;
  }
  if (i === n - 1 && s.charCodeAt(i) === 90) return timeOf(y, mo, d, h, mi, sec, ms, 1, 0, 0);
  const sign = s.charCodeAt(i);
  if (i !== n - 6 || (sign !== 43 && sign !== 45) || s.charCodeAt(i + 3) !== 58) return undefined;
  const oh = digits(s, i + 1, 2);
  const om = digits(s, i + 4, 2);
  if (oh < 0 || om < 0) return undefined;
  return timeOf(y, mo, d, h, mi, sec, ms, sign === 45 ? -1 : 1, oh, om);
}
