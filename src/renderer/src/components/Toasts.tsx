import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissToast, useToasts } from '../toasts';

export function Toasts(): ReactElement {
  const { t } = useTranslation();
  const toasts = useToasts();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast-body">
            <div className="toast-text">{toast.text}</div>
            {toast.detail && <div className="toast-detail">{toast.detail}</div>}
          </div>
          <button
            type="button"
            className="toast-close"
            onClick={() => dismissToast(toast.id)}
            aria-label={t('toast.close')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
