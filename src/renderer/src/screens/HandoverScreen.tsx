import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover, HandoverItem, HandoverSection, HandoverSummary } from '../../../shared/handover-types';
import { LEVELS, type Level } from '../../../shared/domain';
import { callOrToast } from '../api';
import { LevelBadge } from '../components/LevelBadge';
import { currentLanguage } from '../i18n';
import { useEntityChanges } from '../live';
import { download } from '../rosters/labels';
import { beijingShort } from '../time';
import '../rosters/rosters.css';

function asLevel(s: string | null): Level | null {
  const n = Number(s);
  return (LEVELS as readonly number[]).includes(n) ? (n as Level) : null;
}

function Unavailable({ sections }: { sections: HandoverSection[] }): ReactElement | null {
  const { t } = useTranslation('rosters');
  if (sections.length === 0) return null;
  return (
    <p className="handover-unavailable" data-testid="handover-unavailable">
      {t('handover.unavailableList', {
        list: sections.map((s) => t(`handover.sections.${s.key}`)).join(t('handover.listSep')),
      })}
    </p>
  );
}

/** A stored code (district, colour, state, command type) in the UI language; anything unknown as stored. */
function useValueLabel(): (v: string) => string {
  const { t } = useTranslation(['rosters', 'domain']);
  return (v) =>
    t(`domain:district.${v}`, {
      defaultValue: t(`rosters:handover.value.${v.replace(/\./g, '_')}`, { defaultValue: v }),
    });
}

function Section({ s }: { s: HandoverSection }): ReactElement {
  const { t } = useTranslation('rosters');
  const label = useValueLabel();
  const rows = s.available ? s.rows : [];
  return (
    <div
      className={`handover-section ${s.available && rows.length > 0 ? 'has-rows' : ''}`}
      data-testid={`handover-${s.key}`}
    >
      <h3>
        {t(`handover.sections.${s.key}`)}
        <span className="handover-count">{s.available ? rows.length : '–'}</span>
      </h3>
      {!s.available ? (
        <p className="panel-meta">{t('handover.unavailable')}</p>
      ) : rows.length === 0 ? (
        <p className="panel-meta">{t('handover.nothing')}</p>
      ) : (
        <ul>
          {rows.map((r) => {
            const level = s.key === 'incidents' ? asLevel(r.level) : null;
            return (
              <li key={r.id}>
                {level !== null ? (
                  <LevelBadge level={level} />
                ) : r.level ? (
                  <span className={`handover-tag level-${r.level}`}>{label(r.level)}</span>
                ) : null}
                <span className="handover-title">{s.key === 'outbox' ? label(r.title) : r.title}</span>
                {r.status && s.key !== 'incidents' && <span className="handover-tag">{label(r.status)}</span>}
                {r.at !== null && <span className="handover-time">{beijingShort(r.at)}</span>}
                {s.key === 'incidents' ? (
                  <span className={r.detail ? 'handover-detail' : 'handover-detail missing'}>
                    {t('handover.nextStep', { text: r.detail ?? t('handover.noNextStep') })}
                  </span>
                ) : (
                  r.detail && <span className="handover-detail">{label(r.detail)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function Item({
  item,
  onClose,
  readOnly,
}: {
  item: HandoverItem;
  onClose: (note: string) => void;
  readOnly: boolean;
}): ReactElement {
  const { t } = useTranslation('rosters');
  const [note, setNote] = useState('');
  return (
    <li className={item.closedAt ? 'handover-item closed' : 'handover-item'}>
      <div>
        <span className="handover-title">{item.title}</span>
        <span className="handover-carried">
          {item.createdBy} · {beijingShort(item.createdAt)} · {t('handover.carried', { ref: item.originRef })}
        </span>
      </div>
      {item.detail && <div className="handover-detail">{item.detail}</div>}
      {item.closedAt ? (
        <div className="handover-closed">{t('handover.closed', { note: item.closeNote, by: item.closedBy })}</div>
      ) : (
        !readOnly && (
          <div className="handover-close">
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('handover.closeNote')}
              aria-label={t('handover.closeNote')}
            />
            <button type="button" className="btn" disabled={note.trim() === ''} onClick={() => onClose(note)}>
              {t('handover.close')}
            </button>
          </div>
        )
      )}
    </li>
  );
}

/** The shift handover (交接班): live state, open items carried over, notes, and both officers' signatures. */
export function HandoverScreen(): ReactElement {
  const { t } = useTranslation('rosters');
  const [current, setCurrent] = useState<Handover | null>(null);
  const [shown, setShown] = useState<Handover | null>(null);
  const [past, setPast] = useState<HandoverSummary[]>([]);
  const [q, setQ] = useState('');
  const [notes, setNotes] = useState('');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');

  const load = useCallback(async () => {
    const h = await callOrToast('handover.current', {});
    setCurrent(h);
    setShown((s) => (s && h && s.id !== h.id ? s : h));
    setNotes(h?.notes ?? '');
  }, []);
  const search = useCallback(async () => {
    const list = await callOrToast('handover.search', { q, limit: 50 });
    if (list) setPast(list);
  }, [q]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void search();
  }, [search]);
  useEntityChanges('handover', () => {
    void load();
    void search();
  });
  useEntityChanges('handover_item', () => void load());

  const h = shown;
  const readOnly = !h || h.status === 'complete';
  const act = async (p: Promise<unknown>): Promise<void> => {
    await p;
    await load();
    await search();
  };
  const exportAs = async (format: 'pdf' | 'xlsx' | 'csv'): Promise<void> => {
    if (!h) return;
    const f = await callOrToast('handover.export', { id: h.id, format, lang: currentLanguage() });
    if (f) download(f);
  };
  const sig = (who: string | null, when: number | null): string =>
    who && when ? t('handover.signed', { who, time: beijingShort(when) }) : t('handover.unsigned');

  return (
    <div className="handover-screen">
      <section className="panel handover-main" data-testid="handover">
        {!h ? (
          <div className="handover-empty">
            <p>{t('handover.none')}</p>
            <button
              type="button"
              className="btn primary"
              onClick={() => void act(callOrToast('handover.start', { notes: '' }))}
            >
              {t('handover.start')}
            </button>
          </div>
        ) : (
          <>
            <div className="panel-head handover-head">
              <h2>
                {t('handover.title')} <span className="mono">{h.ref}</span>
              </h2>
              <span className={h.status === 'complete' ? 'handover-status done' : 'handover-status'}>
                {t(h.status === 'complete' ? 'handover.complete' : 'handover.open')}
              </span>
              <span className="panel-meta">
                {t('handover.shift', { label: h.shiftLabel })} ·{' '}
                {t('handover.snapshotAt', { time: beijingShort(h.snapshot.generatedAt) })}
              </span>
              <span className="spacer" />
              {!readOnly && h.outgoingSignedAt === null && h.incomingSignedAt === null && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => void act(callOrToast('handover.refresh', { id: h.id }))}
                >
                  {t('handover.refresh')}
                </button>
              )}
              <button type="button" className="btn" onClick={() => void exportAs('pdf')}>
                {t('handover.exportPdf')}
              </button>
              <button type="button" className="btn" onClick={() => void exportAs('xlsx')}>
                {t('handover.exportXlsx')}
              </button>
            </div>
            <div className="handover-body">
              <div className="handover-sections">
                {h.snapshot.sections
                  .filter((s) => s.available)
                  .map((s) => (
                    <Section key={s.key} s={s} />
                  ))}
                <Unavailable sections={h.snapshot.sections.filter((s) => !s.available)} />
              </div>
              <div className="handover-right">
                <div className="handover-items" data-testid="handover-items">
                  <h3>
                    {t('handover.items')} <span className="panel-meta">{t('handover.itemsHint')}</span>
                  </h3>
                  <ul>
                    {h.items.map((i) => (
                      <Item
                        key={i.id}
                        item={i}
                        readOnly={false}
                        onClose={(note) => void act(callOrToast('handover.closeItem', { itemId: i.id, note }))}
                      />
                    ))}
                  </ul>
                  {!readOnly && (
                    <div className="handover-add">
                      <input
                        value={title}
                        onChange={(e) => setTitle(e.target.value)}
                        placeholder={t('handover.itemTitle')}
                        aria-label={t('handover.itemTitle')}
                      />
                      <input
                        value={detail}
                        onChange={(e) => setDetail(e.target.value)}
                        placeholder={t('handover.itemDetail')}
                        aria-label={t('handover.itemDetail')}
                      />
                      <button
                        type="button"
                        className="btn"
                        disabled={title.trim() === ''}
                        onClick={() => {
                          void act(callOrToast('handover.addItem', { id: h.id, title, detail }));
                          setTitle('');
                          setDetail('');
                        }}
                      >
                        {t('handover.addItem')}
                      </button>
                    </div>
                  )}
                </div>
                <div className="handover-notes">
                  <h3>{t('handover.notes')}</h3>
                  {readOnly ? (
                    <p>{h.notes || t('handover.nothing')}</p>
                  ) : (
                    <>
                      <textarea
                        value={notes}
                        onChange={(e) => setNotes(e.target.value)}
                        rows={3}
                        aria-label={t('handover.notes')}
                      />
                      <button
                        type="button"
                        className="btn"
                        disabled={notes === h.notes}
                        onClick={() => void act(callOrToast('handover.notes', { id: h.id, notes }))}
                      >
                        {t('handover.saveNotes')}
                      </button>
                    </>
                  )}
                </div>
                <div className="handover-signatures">
                  {(
                    [
                      ['outgoing', h.outgoingOperator, h.outgoingSignedAt, 'handover.signOutgoing'],
                      ['incoming', h.incomingOperator, h.incomingSignedAt, 'handover.signIncoming'],
                    ] as const
                  ).map(([role, operator, signedAt, signLabel]) => (
                    <div key={role} className={operator ? 'signature signed' : 'signature'}>
                      <span className="label">{t(`handover.${role}`)}</span>
                      <span data-testid={`sig-${role}`}>{sig(operator, signedAt)}</span>
                      {!readOnly && !operator && (
                        <button
                          type="button"
                          className="btn primary"
                          onClick={() => void act(callOrToast('handover.sign', { id: h.id, role }))}
                        >
                          {t(signLabel)}
                        </button>
                      )}
                    </div>
                  ))}
                </div>
              </div>
            </div>
          </>
        )}
      </section>
      <aside className="panel handover-past">
        <div className="panel-head">
          <h2>{t('handover.past')}</h2>
        </div>
        <input
          className="handover-search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('handover.search')}
          aria-label={t('handover.search')}
        />
        {!current && h && (
          <button
            type="button"
            className="btn primary"
            onClick={() => void act(callOrToast('handover.start', { notes: '' }))}
          >
            {t('handover.start')}
          </button>
        )}
        <ul className="handover-list">
          {past.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={h?.id === p.id ? 'selected' : ''}
                onClick={() => void callOrToast('handover.get', { id: p.id }).then((x) => x && setShown(x))}
              >
                <span className="mono">{p.ref}</span>
                <span>{p.shiftLabel}</span>
                <span className="panel-meta">
                  {p.outgoingOperator ?? '—'} → {p.incomingOperator ?? '—'}
                  {p.openItems > 0 ? ` · ${t('handover.openItems', { count: p.openItems })}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
