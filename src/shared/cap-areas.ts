/**
 * CAP warning areas as map rings. CAP 1.2 gives a polygon as space-separated
 * "lat,lon" pairs (first = last) and a circle as "lat,lon radius_km"; the map
 * wants closed [lon, lat] rings. Anything malformed is skipped rather than
 * drawn in the wrong place.
 */

export type Ring = [number, number][];

const CIRCLE_STEPS = 48;
const EARTH_KM = 6371.0088;

function point(pair: string): [number, number] | null {
  const parts = pair.split(',');
  if (parts.length !== 2) return null;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (parts[0].trim() === '' || parts[1].trim() === '') return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return [lon, lat];
}

/** "lat,lon lat,lon …" → closed [lon, lat] ring; null when any pair is bad or fewer than 3 distinct points. */
export function capPolygonToRing(text: string): Ring | null {
  const pairs = text.trim().split(/\s+/).filter(Boolean);
  const ring: Ring = [];
  for (const p of pairs) {
    const pt = point(p);
    if (!pt) return null;
    ring.push(pt);
  }
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) return null;
  const [fx, fy] = ring[0];
  const [lx, ly] = ring[ring.length - 1];
  if (fx !== lx || fy !== ly) ring.push([fx, fy]);
  return ring;
}

/** "lat,lon radius_km" → closed [lon, lat] ring approximating the circle; null when malformed or radius ≤ 0. */
export function capCircleToRing(text: string, steps = CIRCLE_STEPS): Ring | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return null;
  const centre = point(parts[0]);
  const radius = Number(parts[1]);
  if (!centre || !Number.isFinite(radius) || radius <= 0 || radius > 5000) return null;
  const [lon0, lat0] = centre;
  const φ1 = (lat0 * Math.PI) / 180;
  const λ1 = (lon0 * Math.PI) / 180;
  const δ = radius / EARTH_KM;
  const ring: Ring = [];
  for (let i = 0; i < steps; i++) {
    const θ = (2 * Math.PI * i) / steps;
    // Destination point along a great circle: exact for any radius CAP carries.
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
    ring.push([(λ2 * 180) / Math.PI, (φ2 * 180) / Math.PI]);
  }
  ring.push([...ring[0]]);
  return ring;
}

interface CapAreaLike {
  polygon?: unknown;
  circle?: unknown;
}

/** All drawable rings of a warning's stored areas (the JSON array `warnings.area` holds). */
export function capAreasToRings(areas: unknown): Ring[] {
  if (!Array.isArray(areas)) return [];
  const rings: Ring[] = [];
  for (const a of areas as CapAreaLike[]) {
    if (!a || typeof a !== 'object') continue;
    for (const p of Array.isArray(a.polygon) ? a.polygon : []) {
      const r = typeof p === 'string' ? capPolygonToRing(p) : null;
      if (r) rings.push(r);
    }
    for (const c of Array.isArray(a.circle) ? a.circle : []) {
      const r = typeof c === 'string' ? capCircleToRing(c) : null;
      if (r) rings.push(r);
    }
  }
  return rings;
}

/** Parse the stored JSON text; bad JSON yields no rings. */
export function storedAreasToRings(json: string | null): Ring[] {
  if (!json) return [];
  try {
    return capAreasToRings(JSON.parse(json));
  } catch {
    return [];
  }
}
