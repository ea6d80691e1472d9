import { Component, useCallback, useRef, type ErrorInfo, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangedState, useNow } from '../hooks';
import { PanelStatusContext, type PanelStatus } from './useBoardData';

interface BoundaryProps {
  panelId: string;
  children: ReactNode;
}

/**
 * One panel's failure stays in its box: the error boundary catches what the
 * panel throws while rendering (bad saved options, a bug, data it did not
 * expect) and the rest of the board keeps running and updating.
 */
class PanelBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`panel ${this.props.panelId} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <PanelError error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function PanelError({ error, onRetry }: { error: Error; onRetry: () => void }): ReactElement {
  const { t } = useTranslation('boards');
  return (
    <div className="bp-error" role="alert" data-testid="panel-error">
      <strong>{t('panel.failed')}</strong>
      <span className="bp-error-detail">{error.message.slice(0, 300)}</span>
      <button type="button" onClick={onRetry}>
        {t('panel.retry')}
      </button>
    </div>
  );
}

/** "Updated 12 s ago", and stale once the data is older than the panel's limit. */
function Freshness({ status, staleAfterMs }: { status: PanelStatus; staleAfterMs: number }): ReactElement {
  const { t } = useTranslation(['boards', 'common']);
  const now = useNow(1000);
  const { at } = status;
  let text: string;
  if (at === null) text = t('common:freshness.never');
  else {
    const s = Math.max(0, Math.floor((now - at) / 1000));
    if (s < 2) text = t('common:freshness.justNow');
    else if (s < 60) text = t('common:freshness.seconds', { count: s });
    else if (s < 3600) text = t('common:freshness.minutes', { count: Math.floor(s / 60) });
    else text = t('common:freshness.hours', { count: Math.floor(s / 3600) });
  }
  const stale = at !== null && now - at > staleAfterMs;
  return (
    <span
      className={stale ? 'bp-fresh stale' : 'bp-fresh'}
      data-testid="panel-freshness"
      data-stale={stale ? 'true' : 'false'}
      title={status.error ? status.error.message : undefined}
    >
      {stale && <span className="bp-stale-mark">{t('panel.stale')}</span>}
      {text}
    </span>
  );
}

export interface PanelFrameProps {
  panelId: string;
  type: string;
  title: string;
  staleAfterMs: number;
  /** Panels that draw their own header and freshness (the foundation's trend chart). */
  bare?: boolean;
  children: ReactNode;
}

export function PanelFrame({ panelId, type, title, staleAfterMs, bare, children }: PanelFrameProps): ReactElement {
  // Reported from live-change handlers many times a second: React is told only of real changes
  // (see useChangedState for why an unchanged setState must not reach it).
  const [status, setStatus] = useChangedState<PanelStatus>(
    { at: null, error: null },
    (p, n) => n.at === p.at && n.error === p.error && n.meta === p.meta,
  );
  const current = useRef(status);
  const report = useCallback(
    (s: Partial<PanelStatus>) => {
      current.current = { ...current.current, ...s };
      setStatus(current.current);
    },
    [setStatus],
  );
  return (
    <section className={`bp bp-${type}`} data-testid={`panel-${panelId}`} data-panel-type={type} aria-label={title}>
      {!bare && (
        <header className="bp-head">
          <h2>{title}</h2>
          {status.meta && (
            <span className="bp-meta" data-testid={`panel-meta-${panelId}`}>
              {status.meta}
            </span>
          )}
          <Freshness status={status} staleAfterMs={staleAfterMs} />
        </header>
      )}
      <div className="bp-body">
        <PanelStatusContext.Provider value={report}>
          <PanelBoundary panelId={panelId}>{children}</PanelBoundary>
        </PanelStatusContext.Provider>
      </div>
    </section>
  );
}
