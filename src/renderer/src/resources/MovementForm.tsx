import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../shared/domain';
import {
  MOVEMENT_KINDS,
  type Depot,
  type MovementInput,
  type MovementKind,
  type SupplyItem,
} from '../../../shared/resources';
import { call, toastError } from '../api';
import { pushToast } from '../toasts';

interface Draft {
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

const EMPTY: Draft = {
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

export function MovementForm({
  depots,
  items,
  incidents,
  defaultDepot,
}: {
  depots: Depot[];
  items: SupplyItem[];
  incidents: Incident[];
  defaultDepot: string;
}): ReactElement {
  const { t } = useTranslation('resources');
  const [d, setD] = useState<Draft>({ ...EMPTY, depotId: defaultDepot });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft, v: string): void => setD((x) => ({ ...x, [k]: v }));
  const item = items.find((i) => i.id === d.itemId);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const v = validateMovement(d);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    const r = await call('stock.move', v.value);
    setBusy(false);
    if (!r.ok) return toastError(r.error);
    pushToast({
      kind: 'success',
      text: t('movement.saved', {
        kind: t(`movement.kind.${d.kind}`),
        item: item?.name ?? '',
        qty: d.qty,
        uom: item?.uom ?? '',
      }),
    });
    setD((x) => ({ ...x, qty: '', lot: '', expires: '', note: '' }));
  };

  const field = (key: keyof Draft, control: ReactElement, wide = false): ReactElement => (
    <div className={`field${wide ? ' wide' : ''}${errors[key] ? ' has-error' : ''}`} data-field={key}>
      <label htmlFor={`mv-${key}`}>{t(`movement.field.${key}`)}</label>
      {control}
      {errors[key] && (
        <span className="field-error" data-testid={`error-${key}`}>
          {t(`movement.error.${errors[key]}`)}
        </span>
      )}
    </div>
  );
  const options = (list: { id: string; label: string }[]): ReactElement[] => [
    <option key="" value="">
      {t('movement.choose')}
    </option>,
    ...list.map((o) => (
      <option key={o.id} value={o.id}>
        {o.label}
      </option>
    )),
  ];
  const depotOptions = depots.map((x) => ({ id: x.id, label: x.name }));

  return (
    <form className="report-form movement-form" onSubmit={(e) => void submit(e)} noValidate data-testid="movement-form">
      {field(
        'kind',
        <select id="mv-kind" value={d.kind} onChange={(e) => set('kind', e.target.value)}>
          {MOVEMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`movement.kind.${k}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'depotId',
        <select id="mv-depotId" value={d.depotId} onChange={(e) => set('depotId', e.target.value)}>
          {options(depotOptions)}
        </select>,
      )}
      {field(
        'itemId',
        <select id="mv-itemId" value={d.itemId} onChange={(e) => set('itemId', e.target.value)}>
          {options(items.map((x) => ({ id: x.id, label: `${x.name}（${x.uom}）` })))}
        </select>,
      )}
      {field(
        'qty',
        <input id="mv-qty" inputMode="numeric" value={d.qty} onChange={(e) => set('qty', e.target.value)} />,
      )}
      {(d.kind === 'allocate' || d.kind === 'return') &&
        field(
          'incidentId',
          <select id="mv-incidentId" value={d.incidentId} onChange={(e) => set('incidentId', e.target.value)}>
            {options(incidents.map((x) => ({ id: x.id, label: `${x.ref} ${x.title}` })))}
          </select>,
          true,
        )}
      {d.kind === 'transfer' &&
        field(
          'toDepotId',
          <select id="mv-toDepotId" value={d.toDepotId} onChange={(e) => set('toDepotId', e.target.value)}>
            {options(depotOptions.filter((o) => o.id !== d.depotId))}
          </select>,
          true,
        )}
      {field('lot', <input id="mv-lot" value={d.lot} onChange={(e) => set('lot', e.target.value)} />)}
      {d.kind === 'receive' &&
        field(
          'expires',
          <input id="mv-expires" type="date" value={d.expires} onChange={(e) => set('expires', e.target.value)} />,
        )}
      {field('note', <input id="mv-note" value={d.note} onChange={(e) => set('note', e.target.value)} />, true)}
      <div className="form-actions wide">
        <button type="submit" className="btn primary" disabled={busy}>
          {t('movement.submit')}
        </button>
      </div>
    </form>
  );
}
