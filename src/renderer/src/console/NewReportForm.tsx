import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORY_CODES,
  DISTRICT_CODES,
  INCIDENT_CLASSES,
  LEVEL_COLOURS,
  LEVEL_ROMAN,
  LEVELS,
  REPORT_CHANNELS,
  classOf,
  type Incident,
} from '../../../shared/domain';
import { call, toastError } from '../api';
import { pushToast } from '../toasts';
import './console.css';
import {
  EMPTY_DRAFT,
  serverErrors,
  validateDraft,
  type DraftField,
  type FieldErrors,
  type ReportDraft,
} from './reportForm';

function Field({
  name,
  label,
  error,
  optional,
  wide,
  children,
}: {
  name: DraftField;
  label: string;
  error?: string;
  optional?: string;
  wide?: boolean;
  children: ReactNode;
}): ReactElement {
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`} data-field={name}>
      <label htmlFor={`f-${name}`}>
        {label}
        {optional && <span className="optional"> · {optional}</span>}
      </label>
      {children}
      {error && (
        <div className="field-error" id={`f-${name}-error`} role="alert" data-testid={`error-${name}`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** Intake of a phone report: validated here with the core's own schema, then again by the core. */
export function NewReportForm({ onCreated }: { onCreated: (incident: Incident) => void }): ReactElement {
  const { t } = useTranslation(['console', 'domain']);
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const set = (name: DraftField) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [name]: value }));
    if (errors[name]) setErrors((es) => ({ ...es, [name]: undefined }));
  };
  const a11y = (
    name: DraftField,
  ): { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string } => ({
    id: `f-${name}`,
    name,
    'aria-invalid': !!errors[name],
    ...(errors[name] ? { 'aria-describedby': `f-${name}-error` } : {}),
  });

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (busy) return;
    const v = validateDraft(draft, t);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setBusy(true);
    const r = await call('incident.create', v.value);
    setBusy(false);
    if (!r.ok) {
      if (r.error.issues?.length) setErrors(serverErrors(r.error.issues, t));
      toastError(r.error);
      return;
    }
    setDraft(EMPTY_DRAFT);
    setErrors({});
    pushToast({ kind: 'success', text: t('form.created', { ref: r.value.ref, title: r.value.title }) });
    onCreated(r.value);
  }

  const errorCount = Object.values(errors).filter(Boolean).length;
  const optional = t('form.optional');

  return (
    <section className="panel form-panel" aria-labelledby="form-title">
      <div className="panel-head">
        <h2 id="form-title">{t('form.title')}</h2>
      </div>
      <form className="report-form" onSubmit={(e) => void submit(e)} noValidate data-testid="report-form">
        <Field name="title" label={t('form.field.title')} error={errors.title} wide>
          <input
            {...a11y('title')}
            value={draft.title}
            onChange={set('title')}
            placeholder={t('form.placeholder.title')}
            autoComplete="off"
          />
        </Field>
        <Field name="category" label={t('form.field.category')} error={errors.category}>
          <select {...a11y('category')} value={draft.category} onChange={set('category')}>
            <option value="">{t('form.choose')}</option>
            {INCIDENT_CLASSES.map((cls) => (
              <optgroup key={cls} label={t(`domain:class.${cls}`)}>
                {CATEGORY_CODES.filter((c) => classOf(c) === cls).map((c) => (
                  <option key={c} value={c}>
                    {t(`domain:category.${c}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field name="district" label={t('form.field.district')} error={errors.district}>
          <select {...a11y('district')} value={draft.district} onChange={set('district')}>
            <option value="">{t('form.choose')}</option>
            {DISTRICT_CODES.map((d) => (
              <option key={d} value={d}>
                {t(`domain:district.${d}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className={`field wide${errors.level ? ' has-error' : ''}`} data-field="level">
          <span className="label" id="f-level-label">
            {t('form.field.level')}
          </span>
          <div className="level-picker" role="radiogroup" aria-labelledby="f-level-label">
            {LEVELS.map((l) => (
              <label
                key={l}
                className={`level-option level-${LEVEL_COLOURS[l]}${draft.level === String(l) ? ' checked' : ''}`}
              >
                <input
                  type="radio"
                  name="level"
                  value={l}
                  checked={draft.level === String(l)}
                  onChange={set('level')}
                />
                <span className="level-numeral">{LEVEL_ROMAN[l]}</span>
                <span className="level-text">{t(`domain:levelShort.${l}`)}</span>
              </label>
            ))}
          </div>
          {errors.level && (
            <div className="field-error" role="alert" data-testid="error-level">
              {errors.level}
            </div>
          )}
        </div>
        <Field name="channel" label={t('form.field.channel')} error={errors.channel}>
          <select {...a11y('channel')} value={draft.channel} onChange={set('channel')}>
            {REPORT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`domain:channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="address" label={t('form.field.address')} error={errors.address} optional={optional}>
          <input
            {...a11y('address')}
            value={draft.address}
            onChange={set('address')}
            placeholder={t('form.placeholder.address')}
            autoComplete="off"
          />
        </Field>
        <Field name="reporterName" label={t('form.field.reporterName')} error={errors.reporterName} optional={optional}>
          <input
            {...a11y('reporterName')}
            value={draft.reporterName}
            onChange={set('reporterName')}
            autoComplete="off"
          />
        </Field>
        <Field
          name="reporterPhone"
          label={t('form.field.reporterPhone')}
          error={errors.reporterPhone}
          optional={optional}
        >
          <input
            {...a11y('reporterPhone')}
            type="tel"
            value={draft.reporterPhone}
            onChange={set('reporterPhone')}
            placeholder={t('form.placeholder.reporterPhone')}
            autoComplete="off"
          />
        </Field>
        <Field name="lat" label={t('form.field.lat')} error={errors.lat} optional={optional}>
          <input
            {...a11y('lat')}
            inputMode="decimal"
            value={draft.lat}
            onChange={set('lat')}
            placeholder={t('form.placeholder.lat')}
            autoComplete="off"
          />
        </Field>
        <Field name="lon" label={t('form.field.lon')} error={errors.lon} optional={optional}>
          <input
            {...a11y('lon')}
            inputMode="decimal"
            value={draft.lon}
            onChange={set('lon')}
            placeholder={t('form.placeholder.lon')}
            autoComplete="off"
          />
        </Field>
        <Field
          name="description"
          label={t('form.field.description')}
          error={errors.description}
          optional={optional}
          wide
        >
          <textarea
            {...a11y('description')}
            rows={3}
            value={draft.description}
            onChange={set('description')}
            placeholder={t('form.placeholder.description')}
          />
        </Field>
        <div className="form-actions wide">
          {errorCount > 0 && (
            <span className="form-summary" role="status">
              {t('form.fixErrors', { count: errorCount })}
            </span>
          )}
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(EMPTY_DRAFT);
              setErrors({});
            }}
          >
            {t('form.clear')}
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
