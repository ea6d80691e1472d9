import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactGroup } from '../../../shared/roster-types';

/** The duty phone tree: per position and agency, who is on duty first, then the fallbacks in order. */
export function PhoneTree({ tree, label }: { tree: ContactGroup[]; label?: string }): ReactElement {
  const { t } = useTranslation('rosters');
  return (
    <div className="contact-tree" aria-label={label}>
      {tree
        .filter((g) => g.entries.length > 0)
        .map((g) => {
          const onDuty = g.entries.filter((x) => x.onDuty).length;
          return (
            <div key={`${g.kind}:${g.name}`} className="contact-group">
              <h3>{g.name}</h3>
              <ol>
                {g.entries.map((e, i) => (
                  <li key={e.id}>
                    <span className={e.onDuty ? 'contact-tag on' : 'contact-tag'}>
                      {e.onDuty ? t('contacts.onDuty') : t('contacts.fallback', { n: i + 1 - onDuty })}
                    </span>
                    <span className="contact-name">{e.name}</span>
                    <span className="contact-phones">{e.phone}</span>
                  </li>
                ))}
              </ol>
            </div>
          );
        })}
    </div>
  );
}
