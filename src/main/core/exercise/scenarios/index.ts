import type { Scenario } from '../../../../shared/exercise-scenario';
import { eventCrowd } from './event-crowd';
import { gasExplosion } from './gas-explosion';
import { hazmatLeak } from './hazmat-leak';
import { hotlineOutage } from './hotline-outage';
import { metroFailure } from './metro-failure';
import { typhoonWaterlogging } from './typhoon-waterlogging';

/** The scenario a fresh seat plays until real feeds are configured. */
export const DEMO_SCENARIO_ID = 'typhoon-waterlogging';

let cache: Scenario[] | null = null;

/** Every built-in scenario, built once (they are pure and seeded). */
export function builtInScenarios(): Scenario[] {
  cache ??= [typhoonWaterlogging(), hazmatLeak(), gasExplosion(), metroFailure(), eventCrowd(), hotlineOutage()];
  return cache;
}

export function builtInScenario(id: string): Scenario | undefined {
  return builtInScenarios().find((s) => s.id === id);
}
