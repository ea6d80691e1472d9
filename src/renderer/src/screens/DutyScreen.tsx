import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactGroup } from '../../../shared/roster-types';
import { callOrToast } from '../api';
import { useEntityChanges } from '../live';
import { OnDuty } from '../panels/OnDuty';
import { PhoneTree } from '../rosters/PhoneTree';
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
        <PhoneTree tree={tree} />
      </section>
    </div>
  );
}
