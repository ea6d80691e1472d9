import {
  AllCommunityModule,
  ModuleRegistry,
  type CellClassParams,
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type ICellRendererParams,
  type ValueSetterParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Violation } from '../../../shared/roster-rules';
import { dutyDateOf, monthDates, weekdayOf } from '../../../shared/roster-time';
import type { Assignment, RosterView } from '../../../shared/roster-types';
import { darkGridTheme } from '../console/gridTheme';
import { positionLabel, shiftLabel, violationText } from './labels';
import type { SlotRef } from './useRosterEditor';

ModuleRegistry.registerModules([AllCommunityModule]);

const rosterTheme = darkGridTheme.withParams({ rowHeight: 31, headerHeight: 36, fontSize: 16, headerFontSize: 15 });

interface Cell {
  slot: SlotRef;
  personId: string | null;
  name: string;
  violations: Violation[];
}

interface Row {
  date: string;
  label: string;
  holiday: 'holiday' | 'workday' | null;
  weekend: boolean;
  cells: Record<string, Cell>;
}

export interface RosterGridProps {
  month: string;
  view: RosterView;
  working: Assignment[];
  violations: Violation[];
  onSet: (slot: SlotRef, personId: string | null) => void;
  /** A violation to bring into view (from the side list). */
  focus: Violation | null;
}

function NameCell(p: ICellRendererParams<Row>): ReactElement | null {
  const cell = p.data?.cells[p.colDef?.colId ?? ''];
  if (!cell) return null;
  const title = cell.violations.map((v) => String(p.context?.text(v) ?? v.rule)).join('\n');
  return (
    <span
      className="roster-cell"
      title={title || undefined}
      data-violations={cell.violations.map((v) => v.rule).join(' ') || undefined}
    >
      {cell.name || (cell.violations.length > 0 ? '—' : '')}
    </span>
  );
}

/**
 * The month grid: dates down, each position × shift × slot across, names in
 * the cells, edited in place by choosing a person. Cells that break a rule
 * are highlighted, with the rule's sentence as their tooltip.
 */
export function RosterGrid({ month, view, working, violations, onSet, focus }: RosterGridProps): ReactElement {
  const { t } = useTranslation('rosters');
  const apiRef = useRef<GridApi<Row> | null>(null);
  const people = useMemo(() => new Map(view.people.map((p) => [p.id, p])), [view.people]);

  const columns = useMemo(() => {
    const counts = new Map<string, number>();
    for (const a of working) {
      const k = `${a.date}|${a.positionId}|${a.shiftId}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const maxCount = (posId: string, shiftId: string): number => {
      let m = 0;
      for (const [k, n] of counts) if (k.endsWith(`|${posId}|${shiftId}`)) m = Math.max(m, n);
      return m;
    };
    return view.positions.flatMap((pos) =>
      view.shifts
        .filter((s) => s.positionIds.includes(pos.id))
        .map((s) => ({ pos, shift: s, slots: Math.max(1, pos.headcount, maxCount(pos.id, s.id)) })),
    );
  }, [view, working]);

  const rows = useMemo((): Row[] => {
    const holidays = new Map(view.holidays.map((h) => [h.date, h]));
    const bySlot = new Map<string, Assignment[]>();
    for (const a of working) {
      const k = `${a.date}|${a.positionId}|${a.shiftId}`;
      bySlot.set(k, [...(bySlot.get(k) ?? []), a]);
    }
    const vIndex = new Map<string, Violation[]>();
    for (const v of violations) {
      for (const c of v.cells) {
        const k = `${c.date}|${c.positionId}|${c.shiftId}|${c.personId ?? '-'}`;
        vIndex.set(k, [...(vIndex.get(k) ?? []), v]);
      }
    }
    const weekdays = t('weekday', { returnObjects: true }) as string[];
    return (monthDates(month) ?? []).map((date) => {
      const h = holidays.get(date);
      const wd = weekdayOf(date);
      const cells: Record<string, Cell> = {};
      for (const c of columns) {
        const list = (bySlot.get(`${date}|${c.pos.id}|${c.shift.id}`) ?? [])
          .slice()
          .sort((x, y) => x.id.localeCompare(y.id));
        for (let i = 0; i < c.slots; i++) {
          const a = list[i];
          const colId = `${c.pos.id}|${c.shift.id}|${i}`;
          cells[colId] = {
            slot: { date, shiftId: c.shift.id, positionId: c.pos.id, assignmentId: a?.id ?? null },
            personId: a?.personId ?? null,
            name: a ? (people.get(a.personId)?.name ?? a.personId) : '',
            violations: vIndex.get(`${date}|${c.pos.id}|${c.shift.id}|${a ? a.personId : '-'}`) ?? [],
          };
        }
      }
      return {
        date,
        label: `${date.slice(5)} ${weekdays[wd]}${h ? ` ${h.name}` : ''}`,
        holiday: h?.kind ?? null,
        weekend: wd === 0 || wd === 6,
        cells,
      };
    });
  }, [columns, month, people, t, view.holidays, violations, working]);

  const columnDefs = useMemo((): (ColDef<Row> | ColGroupDef<Row>)[] => {
    const choices = (positionId: string): { labels: string[]; ids: Map<string, string> } => {
      const pos = view.positions.find((p) => p.id === positionId);
      const qualified = (q: readonly string[]): boolean =>
        (pos?.requiredQualifications ?? []).every((r) => q.includes(r));
      const active = view.people.filter((p) => p.active);
      const ordered = [
        ...active.filter((p) => qualified(p.qualifications)),
        ...active.filter((p) => !qualified(p.qualifications)),
      ];
      const ids = new Map<string, string>();
      for (const p of ordered) {
        const label = qualified(p.qualifications) ? p.name : t('roster.unqualified', { name: p.name });
        ids.set(ids.has(label) ? `${label} · ${p.department}` : label, p.id);
      }
      return { labels: ['', ...ids.keys()], ids };
    };
    const groups = new Map<string, ColGroupDef<Row>>();
    for (const c of columns) {
      const { labels, ids } = choices(c.pos.id);
      const group = groups.get(c.pos.id) ?? { headerName: positionLabel(t, c.pos), groupId: c.pos.id, children: [] };
      for (let i = 0; i < c.slots; i++) {
        const colId = `${c.pos.id}|${c.shift.id}|${i}`;
        group.children.push({
          colId,
          headerName:
            c.slots > 1 ? t('roster.slot', { label: shiftLabel(t, c.shift), n: i + 1 }) : shiftLabel(t, c.shift),
          valueGetter: (p) => p.data?.cells[colId]?.name ?? '',
          valueSetter: (p: ValueSetterParams<Row, string>) => {
            const cell = p.data.cells[colId];
            const value = typeof p.newValue === 'string' ? p.newValue : '';
            const personId = value === '' ? null : (ids.get(value) ?? null);
            if (cell && personId !== cell.personId) onSet(cell.slot, personId);
            return false;
          },
          editable: true,
          singleClickEdit: false,
          cellEditor: 'agSelectCellEditor',
          cellEditorParams: { values: labels },
          cellRenderer: NameCell,
          cellClassRules: {
            'roster-violation': (p: CellClassParams<Row>) => (p.data?.cells[colId]?.violations.length ?? 0) > 0,
            'roster-empty': (p: CellClassParams<Row>) => !p.data?.cells[colId]?.personId,
          },
          minWidth: 110,
          flex: 1,
        });
      }
      groups.set(c.pos.id, group);
    }
    return [
      { colId: 'date', headerName: t('roster.date'), field: 'label', pinned: 'left', width: 150, editable: false },
      ...groups.values(),
    ];
  }, [columns, onSet, t, view.people, view.positions]);

  useEffect(() => {
    const api = apiRef.current;
    if (!api || !focus) return;
    const cell = focus.cells[0];
    const node = api.getRowNode(cell.date);
    if (!node) return;
    api.ensureNodeVisible(node, 'middle');
    const cols = (api.getColumns() ?? []).filter((c) => c.getColId().startsWith(`${cell.positionId}|${cell.shiftId}|`));
    api.flashCells({ rowNodes: [node], columns: cols });
  }, [focus]);

  return (
    <div className="grid-host roster-grid" data-testid="roster-grid">
      <AgGridReact<Row>
        theme={rosterTheme}
        rowData={rows}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.date}
        context={{ text: (v: Violation) => violationText(t, v, view) }}
        rowClassRules={{
          'roster-holiday': (p) => p.data?.holiday === 'holiday',
          'roster-today': (p) => p.data?.date === dutyDateOf(Date.now()),
          'roster-weekend': (p) => !!p.data?.weekend && p.data.holiday !== 'workday',
        }}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onFirstDataRendered={(e) => {
          // Open on today's row: what an officer looks for first.
          const today = e.api.getRowNode(dutyDateOf(Date.now()));
          if (today) e.api.ensureNodeVisible(today, 'middle');
        }}
        stopEditingWhenCellsLoseFocus
        suppressCellFocus={false}
        animateRows={false}
      />
    </div>
  );
}
