import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import type { Incident, Level } from '../../../shared/domain';
import { beijingShort } from '../time';
import { LevelBadge } from './LevelBadge';

function LevelCell(p: ICellRendererParams<Incident, Level>): ReactElement | null {
  return p.value ? <LevelBadge level={p.value} long /> : null;
}

export type IncidentColumn = 'level' | 'ref' | 'title' | 'category' | 'district' | 'status' | 'channel' | 'reportedAt';

/**
 * One incident column as every incident grid shows it (the console queue and
 * the board panel): its header, how its value reads, and for the level the
 * sort — most severe first, within a level the newest first, so one sort key
 * reads naturally. Each grid adds its own sizing in `size`. `t` must have the
 * grid's `grid.col.*` headers and the `domain` namespace.
 */
export function incidentColumn<T extends Incident>(
  key: IncidentColumn,
  t: TFunction<string[]>,
  size: ColDef<T> = {},
): ColDef<T> {
  const headerName = t(`grid.col.${key}`);
  const field = key as ColDef<T>['field'];
  const label = (ns: string) => (p: { value: unknown }) => (p.value ? t(`domain:${ns}.${String(p.value)}`) : '');
  switch (key) {
    case 'level':
      return {
        field,
        headerName,
        cellRenderer: LevelCell,
        sort: 'asc',
        comparator: (a: Level, b: Level, na, nb) => a - b || (nb?.data?.reportedAt ?? 0) - (na?.data?.reportedAt ?? 0),
        ...size,
      };
    case 'ref':
      return { field, headerName, cellClass: 'mono ref', ...size };
    case 'title':
      return { field, headerName, tooltipField: field as ColDef<T>['tooltipField'], ...size };
    case 'district':
      return {
        field,
        headerName,
        valueFormatter: (p) => (p.value ? t(`domain:district.${String(p.value)}`) : '—'),
        ...size,
      };
    case 'category':
    case 'status':
    case 'channel':
      return { field, headerName, valueFormatter: label(key), ...size };
    case 'reportedAt':
      return {
        field,
        headerName,
        cellClass: 'mono',
        valueFormatter: (p) => (typeof p.value === 'number' ? beijingShort(p.value) : ''),
        ...size,
      };
  }
}
