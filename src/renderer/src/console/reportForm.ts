import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { newReportSchema, type NewReport } from '../../../shared/schemas';

/** The form's raw state: everything is text until it is parsed. */
export interface ReportDraft {
  title: string;
  category: string;
  level: string;
  district: string;
  address: string;
  description: string;
  channel: string;
  reporterName: string;
  reporterPhone: string;
  lat: string;
  lon: string;
}

export type DraftField = keyof ReportDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: ReportDraft = {
  title: '',
  category: '',
  level: '',
  district: '',
  address: '',
  description: '',
  channel: '12345',
  reporterName: '',
  reporterPhone: '',
  lat: '',
  lon: '',
};

const FIELDS = Object.keys(EMPTY_DRAFT) as DraftField[];
export function isDraftField(name: string): name is DraftField {
  return (FIELDS as string[]).includes(name);
}

const optionalText = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** Draft → request shape; numbers that do not parse are kept as NaN so the schema rejects them. */
export function draftToRequest(d: ReportDraft): Record<string, unknown> {
  const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
  const req: Record<string, unknown> = {
    title: d.title.trim(),
    category: d.category || undefined,
    level: d.level === '' ? undefined : Number(d.level),
    district: d.district || undefined,
    address: optionalText(d.address),
    description: optionalText(d.description),
    channel: d.channel || undefined,
    reporterName: optionalText(d.reporterName),
    reporterPhone: optionalText(d.reporterPhone),
    lat: num(d.lat),
    lon: num(d.lon),
  };
  // The schema is strict about keys but not about undefined values; drop them to send clean data.
  for (const k of Object.keys(req)) if (req[k] === undefined) delete req[k];
  return req;
}

/** A translated message for one schema issue, chosen by field and issue kind. */
function messageFor(field: DraftField, issue: z.core.$ZodIssue, draft: ReportDraft, t: TFunction): string {
  if (issue.message === 'phone') return t('validation.phone');
  if (issue.message === 'lat_lon_pair') return t('validation.latLonPair');
  const value = draft[field].trim();
  switch (issue.code) {
    case 'invalid_type':
      if (value === '')
        return t(
          field === 'category' || field === 'district' || field === 'level' || field === 'channel'
            ? 'validation.choose'
            : 'validation.required',
        );
      return t('validation.number');
    case 'invalid_value':
    case 'invalid_union':
      return t(value === '' ? 'validation.choose' : 'validation.invalid');
    case 'too_small':
      if (field === 'title') return t(value === '' ? 'validation.required' : 'validation.titleTooShort');
      if (field === 'lat') return t('validation.latRange');
      if (field === 'lon') return t('validation.lonRange');
      return t('validation.invalid');
    case 'too_big':
      if (field === 'lat') return t('validation.latRange');
      if (field === 'lon') return t('validation.lonRange');
      return t('validation.tooLong', { max: Number(issue.maximum) });
    default:
      return t('validation.invalid');
  }
}

/** Validate with the very schema the core uses; the first problem per field is shown. */
export function validateDraft(
  draft: ReportDraft,
  t: TFunction,
): { ok: true; value: NewReport } | { ok: false; errors: FieldErrors } {
  const parsed = newReportSchema.safeParse(draftToRequest(draft));
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!isDraftField(key) || errors[key]) continue;
    errors[key] = messageFor(key, issue, draft, t);
  }
  // zod runs the object-level lat/lon pairing rule only once every field is
  // valid; check it here too so all problems show on the first submit.
  if (!errors.lat && !errors.lon && (draft.lat.trim() === '') !== (draft.lon.trim() === '')) {
    errors[draft.lat.trim() === '' ? 'lon' : 'lat'] = t('validation.latLonPair');
  }
  return { ok: false, errors };
}

/** Map the core's `issues` (dotted paths, raw messages) onto fields. */
export function serverErrors(issues: { path: string; message: string }[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.split('.')[0];
    if (!isDraftField(key) || errors[key]) continue;
    errors[key] =
      i.message === 'phone'
        ? t('validation.phone')
        : i.message === 'lat_lon_pair'
          ? t('validation.latLonPair')
          : t('validation.server', { detail: i.message });
  }
  return errors;
}
