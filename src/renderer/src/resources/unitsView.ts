import type { TFunction } from 'i18next';
import type { District } from '../../../shared/domain';
import { STALE_AFTER_MS, type Agency, type Capability, type Unit, type UnitStatus } from '../../../shared/resources';

/** Board filters; empty string means "all". */
export interface UnitFilter {
  agency: Agency | '';
  status: UnitStatus | '';
  capability: Capability | '';
  district: District | '';
  /** Units whose upstream command is pending or was rejected. */
  command: 'pending' | 'rejected' | '';
  text: string;
}

export const NO_FILTER: UnitFilter = { agency: '', status: '', capability: '', district: '', command: '', text: '' };

export function matches(u: Unit, f: UnitFilter): boolean {
  if (f.agency && u.agency !== f.agency) return false;
  if (f.status && u.status !== f.status) return false;
  if (f.capability && !u.capabilities.includes(f.capability)) return false;
  if (f.district && u.district !== f.district) return false;
  if (f.command && u.commandState !== f.command) return false;
  const q = f.text.trim().toLowerCase();
  if (q && !u.callSign.toLowerCase().includes(q) && !u.id.toLowerCase().includes(q)) return false;
  return true;
}

/** Staleness as of `now` in this window: the core's flag is only as fresh as the last fetch. */
export function staleAt(u: Pick<Unit, 'fixAt'>, now: number): boolean {
  return u.fixAt === null || now - u.fixAt > STALE_AFTER_MS;
}

/** "12 s ago" / "3 min ago" in the officer's language. */
export function ageText(t: TFunction, fixAt: number, now: number): string {
  const s = Math.max(0, Math.floor((now - fixAt) / 1000));
  if (s < 60) return t('resources:units.age.seconds', { count: s });
  if (s < 3600) return t('resources:units.age.minutes', { count: Math.floor(s / 60) });
  return t('resources:units.age.hours', { count: Math.floor(s / 3600) });
}

/** Display order of statuses: what needs attention (committed units) before the idle ones. */
export const STATUS_ORDER: Record<UnitStatus, number> = {
  on_scene: 0,
  en_route: 1,
  dispatched: 2,
  returning: 3,
  available: 4,
  out_of_service: 5,
};
