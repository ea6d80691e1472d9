import type { PlanDef } from '../../../../shared/contracts/console';
import { crowdSafety, gasExplosion, hazmatLeak, metroDisruption } from './accidents';
import { networkOutage, typhoonWaterlogging } from './weather';

/** The plans every seat ships with. Step codes are stable: activations refer to them. */
export const BUILTIN_PLANS: readonly PlanDef[] = [
  typhoonWaterlogging,
  hazmatLeak,
  gasExplosion,
  metroDisruption,
  crowdSafety,
  networkOutage,
];
