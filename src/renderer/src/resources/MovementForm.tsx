import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../shared/domain';
import { MOVEMENT_KINDS, type Depot, type SupplyItem } from '../../../shared/resources';
import { call, toastError } from '../api';
import { pushToast } from '../toasts';
import { EMPTY, validateMovement, type Draft } from './movementDraft';

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
