import { haversineMetres, type Incident } from '../../../shared/domain';
import {
  AGENCY_SPEED_KMH,
  CATEGORY_NEEDS,
  STALE_AFTER_MS,
  type Capability,
  type Recommendation,
  type Unit,
} from '../../../shared/resources';

/** Fallback speed for a unit whose agency is not recorded yet. */
const DEFAULT_SPEED_KMH = 25;

/**
 * Penalties, in minutes of ETA, so that one score ranks everything and the
 * officer can read off why: a stale fix means the unit may have moved (a
 * fixed allowance plus one minute per minute of age, capped); a unit with
 * no fix is placed at its home station with a larger allowance. A category's
 * needs are listed most important first: lacking the first (a fire engine's
 * firefighting) costs half an hour's drive, lacking any other ten minutes,
 * and a unit with none of them pays a further twenty — so the nearest
 * capable unit comes first, support units after, and a unit of the wrong
 * kind only when nothing suitable is within reach.
 */
export const PENALTY = {
  staleBaseMin: 3,
  stalePerMinuteAgeMax: 10,
  homeMin: 8,
  missingPrimaryMin: 30,
  missingCapabilityMin: 10,
  noneMatchedMin: 20,
} as const;

export interface RecommendOptions {
  now: number;
  limit: number;
  /** Where a unit without any fix is assumed to be: its home station when that has coordinates. */
  homeOf: (unit: Unit) => { lat: number; lon: number } | null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Rank available, registered units for an incident by estimated travel
 * (straight-line distance at the agency's speed) plus penalties for stale
 * positions and missing capabilities. Units that cannot be placed at all are
 * left out. Ties go to the unit with more matched capabilities, then the
 * call sign, so the order is stable.
 */
export function recommendUnits(incident: Incident, units: readonly Unit[], opts: RecommendOptions): Recommendation[] {
  if (incident.lat === null || incident.lon === null) return [];
  const needs: readonly Capability[] = CATEGORY_NEEDS[incident.category] ?? [];
  const scored: Omit<Recommendation, 'rank'>[] = [];
  for (const unit of units) {
    if (!unit.registered || unit.status !== 'available') continue;
    let lat = unit.lat;
    let lon = unit.lon;
    let positionSource: Recommendation['positionSource'] = 'live';
    let stalePenaltyMin = 0;
    let fixAgeMin: number | null = null;
    if (unit.fixAt !== null && lat !== null && lon !== null) {
      const age = Math.max(0, opts.now - unit.fixAt);
      fixAgeMin = round1(age / 60_000);
      if (age > STALE_AFTER_MS) {
        positionSource = 'stale';
        stalePenaltyMin = PENALTY.staleBaseMin + Math.min(PENALTY.stalePerMinuteAgeMax, age / 60_000);
      }
    } else {
      const home = opts.homeOf(unit);
      if (!home) continue;
      lat = home.lat;
      lon = home.lon;
      positionSource = 'home';
      stalePenaltyMin = PENALTY.homeMin;
    }
    const distanceKm = haversineMetres(lat as number, lon as number, incident.lat, incident.lon) / 1000;
    const speedKmh = unit.agency ? AGENCY_SPEED_KMH[unit.agency] : DEFAULT_SPEED_KMH;
    const etaMin = (distanceKm / speedKmh) * 60;
    const matched = needs.filter((c) => unit.capabilities.includes(c));
    const missing = needs.filter((c) => !unit.capabilities.includes(c));
    const capabilityPenaltyMin = missing.reduce(
      (sum, c) => sum + (c === needs[0] ? PENALTY.missingPrimaryMin : PENALTY.missingCapabilityMin),
      needs.length > 0 && matched.length === 0 ? PENALTY.noneMatchedMin : 0,
    );
    scored.push({
      unit,
      score: round1(etaMin + stalePenaltyMin + capabilityPenaltyMin),
      distanceKm: Math.round(distanceKm * 100) / 100,
      etaMin: round1(etaMin),
      speedKmh,
      positionSource,
      fixAgeMin,
      stalePenaltyMin: round1(stalePenaltyMin),
      capabilityPenaltyMin,
      matched,
      missing,
    });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score || b.matched.length - a.matched.length || a.unit.callSign.localeCompare(b.unit.callSign),
  );
  return scored.slice(0, opts.limit).map((r, i) => ({ ...r, rank: i + 1 }));
}
