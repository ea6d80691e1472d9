import type { UnitStatus } from '../../../shared/resources';

/** Status colours shared with the unit board's chips (resources.css `.st-*`). */
export const STATUS_COLOURS: Record<UnitStatus, string> = {
  available: '#3fd48a',
  dispatched: '#f5d327',
  en_route: '#f28a1e',
  on_scene: '#ff5c5c',
  returning: '#4ea1ff',
  out_of_service: '#8596ad',
};
