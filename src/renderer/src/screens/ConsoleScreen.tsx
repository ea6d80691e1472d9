import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanDef, QueueFilters } from '../../../shared/contracts/console';
import type { Incident } from '../../../shared/domain';
import { callOrToast } from '../api';
import { IncidentGrid, type IncidentGridHandle } from '../console/IncidentGrid';
import { NewReportForm } from '../console/NewReportForm';
import { playTone, useNewIncidentTone, useSoundSetting } from '../console/newIncidentTone';
import { HelpOverlay } from '../ops/HelpOverlay';
import { IncidentDetail } from '../ops/IncidentDetail';
import { QueueToolbar } from '../ops/QueueToolbar';
import { useShortcuts } from '../ops/shortcuts';
import { useSession } from '../ops/useSession';
import { navigate } from '../router';
import '../ops/ops.css';

/**
 * The operator console: the filtered queue on the left; on the right the
 * selected incident (actions, plan checklist, timeline) or, with nothing
 * selected, phone intake. Keyboard-first: see ops/shortcuts.ts (press ?).
 */
export function ConsoleScreen(): ReactElement {
  const { t } = useTranslation('ops');
  const grid = useRef<IncidentGridHandle | null>(null);
  const [filters, setFilters] = useState<QueueFilters>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [library, setLibrary] = useState<PlanDef[]>([]);
  const session = useSession();
  const [sound, setSound] = useSoundSetting();
  const [tones, setTones] = useState(0);
  const onTone = useCallback(() => {
    playTone();
    setTones((n) => n + 1);
  }, []);
  useNewIncidentTone(sound, onTone);
  useEffect(() => {
    void callOrToast('plan.library', {}).then((l) => l && setLibrary(l));
  }, []);
  const onReady = useCallback((h: IncidentGridHandle) => {
    grid.current = h;
  }, []);
  const onCreated = useCallback((incident: Incident) => grid.current?.upsert([incident], true), []);

  useShortcuts((action) => {
    switch (action) {
      case 'newReport':
        setSelected(null);
        setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="report-form"] input')?.focus(), 0);
        break;
      case 'acknowledge':
        if (selected) void callOrToast('incident.acknowledge', { id: selected });
        break;
      case 'next':
        grid.current?.move(1);
        break;
      case 'prev':
        grid.current?.move(-1);
        break;
      case 'search':
        navigate('/cases');
        break;
      case 'merge':
        navigate('/merge');
        break;
      case 'help':
        setHelp((h) => !h);
        break;
      case 'escape':
        if (help) setHelp(false);
        else setSelected(null);
        break;
    }
  });

  return (
    <div className="console-screen ops-console">
      <div className="queue-column">
        <QueueToolbar filters={filters} onChange={setFilters} />
        <label className="sound-toggle" title={t('sound.hint')} data-testid="sound-toggle" data-tones={tones}>
          <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} />
          {t('sound.label')}
        </label>
        <IncidentGrid onReady={onReady} filters={filters} selectedId={selected} onSelect={setSelected} />
      </div>
      {selected ? (
        <IncidentDetail id={selected} session={session} library={library} onClose={() => setSelected(null)} />
      ) : (
        <NewReportForm onCreated={onCreated} />
      )}
      <button
        type="button"
        className="help-fab"
        aria-label={t('help.open')}
        title={t('help.open')}
        onClick={() => setHelp(true)}
        data-testid="help-button"
      >
        ?
      </button>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
