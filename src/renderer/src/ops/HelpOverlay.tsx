import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from './shortcuts';

/** The shortcut table as a dialog (opened with ?). */
export function HelpOverlay({ onClose }: { onClose: () => void }): ReactElement {
  const { t } = useTranslation('ops');
  const closeRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="panel-head">
          <h2 id="help-title">{t('help.title')}</h2>
        </div>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
                <td>{t(`help.keys.${s.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-actions">
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            {t('help.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
