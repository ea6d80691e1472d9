import type { MovementInput, MovementKind } from '../../../shared/resources';

/** The movement form's draft and its validation, kept apart from the component so tests run under Node. */
export interface Draft {
  kind: MovementKind;
  depotId: string;
  itemId: string;
  qty: string;
  lot: string;
  expires: string;
  incidentId: string;
  toDepotId: string;
  note: string;
}

export const EMPTY: Draft = {
  kind: 'allocate',
  depotId: '',
  itemId: '',
  qty: '',
  lot: '',
  expires: '',
  incidentId: '',
  toDepotId: '',
  note: '',
};

/** A calendar date in Beijing time → the start of that day (epoch ms), as the core stores expiry. */
function beijingDayStart(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - 8 * 3600_000;
}

/** Validate on this side first so the officer sees field messages; the core checks stock itself. */
export function validateMovement(
  d: Draft,
): { ok: true; value: MovementInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!d.depotId) errors.depotId = 'required';
  if (!d.itemId) errors.itemId = 'required';
  if (!/^\d+$/.test(d.qty.trim()) || Number(d.qty) <= 0) errors.qty = 'qty';
  const needsIncident = d.kind === 'allocate' || d.kind === 'return';
  if (needsIncident && !d.incidentId) errors.incidentId = 'required';
  if (d.kind === 'transfer' && !d.toDepotId) errors.toDepotId = 'required';
  if (d.kind === 'transfer' && d.toDepotId && d.toDepotId === d.depotId) errors.toDepotId = 'sameDepot';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: d.kind,
      depotId: d.depotId,
      itemId: d.itemId,
      qty: Number(d.qty),
      ...(d.lot.trim() ? { lot: d.lot.trim() } : {}),
      ...(d.kind === 'receive' && d.expires ? { expiresAt: beijingDayStart(d.expires) } : {}),
      ...(needsIncident ? { incidentId: d.incidentId } : {}),
      ...(d.kind === 'transfer' ? { toDepotId: d.toDepotId } : {}),
      ...(d.note.trim() ? { note: d.note.trim() } : {}),
    },
  };
}
