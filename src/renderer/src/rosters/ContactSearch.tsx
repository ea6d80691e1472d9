import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactGroup, ContactHit } from '../../../shared/roster-types';
import { callOrToast } from '../api';
import { PhoneTree } from './PhoneTree';
import './rosters.css';

/**
 * The duty phone book, two keystrokes from anywhere: Ctrl+K (⌘K) opens it
 * with the cursor in the search box, typing searches as you go (names in
 * Chinese by substring, positions, agencies, phone prefixes). With nothing
 * typed it shows the phone tree: who is on duty first, then the fallbacks.
 */
export function ContactSearch(): ReactElement | null {
  const { t } = useTranslation('rosters');
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ContactHit[]>([]);
  const [tree, setTree] = useState<ContactGroup[]>([]);
  const input = useRef<HTMLInputElement | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    void callOrToast('roster.contacts.tree', {}).then((g) => g && setTree(g));
  }, [open]);

  useEffect(() => {
    if (!open || q.trim() === '') {
      setHits([]);
      return;
    }
    const mine = ++seq.current;
    void callOrToast('roster.contacts.search', { q, limit: 12 }).then((h) => {
      // Answers can arrive out of order while typing; only the latest query's counts.
      if (h && mine === seq.current) setHits(h);
    });
  }, [q, open]);

  if (!open) return null;
  return (
    <div
      className="contact-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={t('contacts.title')}
      onClick={() => setOpen(false)}
    >
      <div className="contact-box" onClick={(e) => e.stopPropagation()} data-testid="contact-search">
        <div className="contact-head">
          <h2>{t('contacts.title')}</h2>
          <span className="panel-meta">{t('contacts.hint')}</span>
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            {t('contacts.close')}
          </button>
        </div>
        <input
          ref={input}
          className="contact-input"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('contacts.placeholder')}
          aria-label={t('contacts.placeholder')}
        />
        {q.trim() !== '' ? (
          <ul className="contact-hits">
            {hits.length === 0 && <li className="panel-meta">{t('contacts.none')}</li>}
            {hits.map((h) => (
              <li key={`${h.kind}:${h.id}`} className="contact-hit">
                <span className="contact-name">{h.name}</span>
                <span className="contact-context">{h.context}</span>
                {h.matched !== 'name' && <span className="contact-matched">{t(`contacts.matched.${h.matched}`)}</span>}
                <span className="contact-phones">{h.phones.join('  ')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <PhoneTree tree={tree} label={t('contacts.tree')} />
        )}
      </div>
    </div>
  );
}
