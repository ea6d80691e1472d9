import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/resources';
import { call, toastError } from '../api';
import { beijingDateTime } from '../time';
import { pushToast } from '../toasts';
import { ageText } from './unitsView';

type CommandFields = Pick<Unit, 'commandState' | 'commandType' | 'commandError' | 'commandAt' | 'commandSettledAt'>;

function typeKey(u: CommandFields): string {
  return u.commandType === 'unit.dispatch' ? 'dispatch' : u.commandType === 'unit.recall' ? 'recall' : 'other';
}

/**
 * The unit board's cell for a dispatch/recall sent through the outbox: an
 * hourglass while the upstream has not answered (with how long), a cross and
 * the upstream's reason once it rejected it. Shape and words, not colour
 * alone, so it reads on a wall and for colour-blind officers.
 */
export function CommandBadge({ unit, now }: { unit: CommandFields; now: number }): ReactElement | null {
  const { t } = useTranslation('resources');
  if (!unit.commandState) return null;
  const type = t(`command.type.${typeKey(unit)}`);
  if (unit.commandState === 'pending') {
    const age = unit.commandAt === null ? '' : ageText(t, unit.commandAt, now);
    return (
      <span className="cmd cmd-pending" data-testid="cmd-pending" title={t('command.pending')}>
        <span className="cmd-mark" aria-hidden="true">
          …
        </span>
        {t('command.pendingCell', { type, age })}
      </span>
    );
  }
  const reason = unit.commandError ?? t('command.noReason');
  return (
    <span className="cmd cmd-rejected" data-testid="cmd-rejected" title={reason}>
      <span className="cmd-mark" aria-hidden="true">
        ✕
      </span>
      {t('command.rejectedCell', { type, reason })}
    </span>
  );
}

/** The unit detail's account of its upstream command, with the dismiss action for a rejection. */
export function CommandNotice({
  unit,
  now,
  onDismissed,
}: {
  unit: Unit;
  now: number;
  onDismissed: () => void;
}): ReactElement | null {
  const { t } = useTranslation('resources');
  if (!unit.commandState) return null;
  const type = t(`command.type.${typeKey(unit)}`);
  const dismiss = async (): Promise<void> => {
    const r = await call('unit.dismissCommand', { id: unit.id });
    if (!r.ok) return toastError(r.error);
    pushToast({ kind: 'success', text: t('command.dismissed', { callSign: unit.callSign }) });
    onDismissed();
  };
  if (unit.commandState === 'pending') {
    return (
      <div className="cmd-notice cmd-pending" role="status" data-testid="command-notice">
        <strong>
          <span className="cmd-mark" aria-hidden="true">
            …
          </span>{' '}
          {t('command.title')} · {t('command.pending')}
        </strong>
        <span>
          {t('command.pendingSince', {
            type,
            at: unit.commandAt === null ? '—' : beijingDateTime(unit.commandAt),
            age: unit.commandAt === null ? '' : ageText(t, unit.commandAt, now),
          })}
        </span>
      </div>
    );
  }
  return (
    <div className="cmd-notice cmd-rejected" role="alert" data-testid="command-notice">
      <strong>
        <span className="cmd-mark" aria-hidden="true">
          ✕
        </span>{' '}
        {t('command.title')} · {t('command.rejected')}
      </strong>
      <span>
        {t('command.rejectedAt', {
          type,
          at: unit.commandSettledAt === null ? '—' : beijingDateTime(unit.commandSettledAt),
        })}
      </span>
      <span className="cmd-reason">{t('command.reason', { reason: unit.commandError ?? t('command.noReason') })}</span>
      <span className="dim">{t('command.localNote')}</span>
      <button type="button" className="btn" onClick={() => void dismiss()}>
        {t('command.dismiss')}
      </button>
    </div>
  );
}
