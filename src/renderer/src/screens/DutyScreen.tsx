import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactGroup } from '../../../shared/roster-types';
import { callOrToast } from '../api';
import { useEntityChanges } from '../live';
import { OnDuty } from '../panels/OnDuty';
import '../rosters/rosters.css';

/** Who is on duty now and next, beside the duty phone tree (the same tree Ctrl+K searches). */
export function DutyScreen(): ReactElement {
  const { t } = useTranslation('rosters');
  const [tree, setTree] = useState<ContactGroup[]>([]);
  const load = (): void => void callOrToast('roster.contacts.tree', {}).then((g) => g && setTree(g));
  useEffect(load, []);
  useEntityChanges('roster_contact', load);
  useEntityChanges('roster_assignment', load);
  return (
    <div className="duty-screen">
      <OnDuty />
      <section className="panel" aria-labelledby="tree-title" data-testid="phone-tree">
        <div className="panel-head">
          <h2 id="tree-title">{t('contacts.tree')}</h2>
          <span className="panel-meta">{t('contacts.hint')}</span>
        </div>
        <div className="contact-tree">
          {tree
            .filter((g) => g.entries.length > 0)
            .map((g) => (
              <div key={`${g.kind}:${g.name}`} className="contact-group">
                <h3>{g.name}</h3>
                <ol>
                  {g.entries.map((e, i) => (
                    <li key={e.id}>
                      <span className={e.onDuty ? 'contact-tag on' : 'contact-tag'}>
                        {e.onDuty
                          ? t('contacts.onDuty')
                          : t('contacts.fallback', { n: i + 1 - g.entries.filter((x) => x.onDuty).length })}
                      </span>
                      <span className="contact-name">{e.name}</span>
                      <span className="contact-phones">{e.phone}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
        </div>
      </section>
    </div>
  );
}
