import { useCallback, useRef, type ReactElement } from 'react';
import type { Incident } from '../../../shared/domain';
import { IncidentGrid, type IncidentGridHandle } from '../console/IncidentGrid';
import { NewReportForm } from '../console/NewReportForm';

/** The operator console: the open-incident queue and phone intake side by side. */
export function ConsoleScreen(): ReactElement {
  const grid = useRef<IncidentGridHandle | null>(null);
  const onReady = useCallback((h: IncidentGridHandle) => {
    grid.current = h;
  }, []);
  const onCreated = useCallback((incident: Incident) => grid.current?.upsert([incident], true), []);
  return (
    <div className="console-screen">
      <IncidentGrid onReady={onReady} />
      <NewReportForm onCreated={onCreated} />
    </div>
  );
}
