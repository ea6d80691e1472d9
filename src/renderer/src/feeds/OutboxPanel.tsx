import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../panels/useLiveQuery';
import { beijingDateTime } from '../time';

/** Commands to city systems not yet confirmed, and those refused with the server's reason. */
export function OutboxPanel(): ReactElement {
  const { t } = useTranslation('feeds');
  const pending = useLiveQuery('outbox.list', { state: 'pending', limit: 100 }, ['outbox']).data ?? [];
  const rejected = useLiveQuery('outbox.list', { state: 'rejected', limit: 100 }, ['outbox']).data ?? [];
  const rows = [...pending, ...rejected];
  return (
    <section className="panel feeds-outbox" aria-labelledby="outbox-title">
      <div className="panel-head">
        <h2 id="outbox-title">{t('outbox.title')}</h2>
      </div>
      <table className="feeds-table" data-testid="outbox">
        <thead>
          <tr>
            <th>{t('outbox.at')}</th>
            <th>{t('health.source')}</th>
            <th>{t('outbox.type')}</th>
            <th>{t('outbox.state')}</th>
            <th>{t('outbox.attempts')}</th>
            <th>{t('outbox.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>{beijingDateTime(c.createdAt)}</td>
              <td>{c.source}</td>
              <td>{t(`command.${c.type}`, { defaultValue: c.type })}</td>
              <td>
                <span className={`feed-state outbox-${c.state}`}>{t(`outbox.states.${c.state}`)}</span>
              </td>
              <td>{c.attempts}</td>
              <td className="feed-error">{c.error ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="feeds-empty">{t('outbox.none')}</p> : null}
    </section>
  );
}
