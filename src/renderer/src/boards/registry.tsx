import type { ReactElement } from 'react';
import { z } from 'zod';
import { PANEL_TYPES, type PanelType } from '../../../shared/boards';
import { ClockPanel } from './panels/ClockPanel';
import { DepotStockPanel, type DepotStockOptions } from './panels/DepotStockPanel';
import { IncidentGridPanel } from './panels/IncidentGridPanel';
import { KpiPanel } from './panels/KpiPanel';
import { MapPanel, type MapOptions } from './panels/MapPanel';
import { TrendPanel } from './panels/TrendPanel';
import { OnDutyBoardPanel } from '../panels/OnDuty';
import { FeedHealthBoardPanel, UnitStatusPanel } from './panels/SourcePanels';
import { WarningsPanel } from './panels/WarningsPanel';

export interface PanelProps<O> {
  options: O;
  /** True on a wall (`#/wall/…`): larger type, no interaction. */
  wall: boolean;
}

/**
 * One panel type = one definition: its component, its default options and
 * the zod schema its saved options must satisfy. Options are parsed inside
 * the panel's error boundary, so a board saved with bad options breaks only
 * that panel, with the reason shown in its box.
 */
export interface PanelDefinition<O extends Record<string, unknown> = Record<string, unknown>> {
  type: PanelType;
  /** i18n key (boards namespace) of the panel's title. */
  titleKey: string;
  schema: z.ZodType<O>;
  defaults: O;
  component: (props: PanelProps<O>) => ReactElement;
  /** Data older than this is shown as stale. */
  staleAfterMs: number;
  /** Smallest sensible size on the 24×12 grid, for the editor. */
  minW: number;
  minH: number;
  /** The component draws its own header and freshness (foundation components). */
  bare?: boolean;
}

function define<O extends Record<string, unknown>>(d: PanelDefinition<O>): PanelDefinition<Record<string, unknown>> {
  return d as unknown as PanelDefinition<Record<string, unknown>>;
}

const none = z.object({}).strict();
const layer = z.enum(['districts', 'incidents', 'units', 'warnings']);

export const PANELS: Record<PanelType, PanelDefinition> = {
  map: define<MapOptions>({
    type: 'map',
    titleKey: 'panelType.map',
    schema: z.object({ layers: z.array(layer).min(1), denseAbove: z.number().int().min(0).max(50_000) }).strict(),
    defaults: { layers: ['districts', 'incidents'], denseAbove: 250 },
    component: MapPanel,
    staleAfterMs: 90_000,
    minW: 6,
    minH: 4,
  }),
  kpis: define({
    type: 'kpis',
    titleKey: 'panelType.kpis',
    schema: z.object({ levelsOnly: z.boolean() }).strict(),
    defaults: { levelsOnly: false },
    component: KpiPanel,
    staleAfterMs: 60_000,
    minW: 8,
    minH: 2,
  }),
  levelCounts: define({
    type: 'levelCounts',
    titleKey: 'panelType.levelCounts',
    schema: z.object({ levelsOnly: z.boolean() }).strict(),
    defaults: { levelsOnly: true },
    component: KpiPanel,
    staleAfterMs: 60_000,
    minW: 6,
    minH: 2,
  }),
  trend: define({
    type: 'trend',
    titleKey: 'panelType.trend',
    schema: z.object({ hours: z.literal(24) }).strict(),
    defaults: { hours: 24 },
    component: TrendPanel,
    staleAfterMs: 3 * 60_000,
    minW: 6,
    minH: 3,
  }),
  incidentGrid: define({
    type: 'incidentGrid',
    titleKey: 'panelType.incidentGrid',
    schema: z.object({ scope: z.enum(['open', 'all']) }).strict(),
    defaults: { scope: 'open' },
    component: IncidentGridPanel,
    staleAfterMs: 60_000,
    minW: 8,
    minH: 3,
  }),
  warnings: define({
    type: 'warnings',
    titleKey: 'panelType.warnings',
    schema: z.object({ mode: z.enum(['ticker', 'list']) }).strict(),
    defaults: { mode: 'ticker' },
    component: WarningsPanel,
    staleAfterMs: 90_000,
    minW: 4,
    minH: 1,
  }),
  clock: define({
    type: 'clock',
    titleKey: 'panelType.clock',
    schema: z.object({ showDate: z.boolean() }).strict(),
    defaults: { showDate: true },
    component: ClockPanel,
    staleAfterMs: 5_000,
    minW: 3,
    minH: 1,
  }),
  onDuty: define({
    type: 'onDuty',
    titleKey: 'panelType.onDuty',
    schema: none,
    defaults: {},
    component: OnDutyBoardPanel,
    staleAfterMs: 180_000,
    minW: 4,
    minH: 2,
  }),
  feedHealth: define({
    type: 'feedHealth',
    titleKey: 'panelType.feedHealth',
    schema: none,
    defaults: {},
    component: FeedHealthBoardPanel,
    staleAfterMs: 180_000,
    minW: 4,
    minH: 2,
  }),
  unitStatus: define({
    type: 'unitStatus',
    titleKey: 'panelType.unitStatus',
    schema: none,
    defaults: {},
    component: UnitStatusPanel,
    staleAfterMs: 60_000,
    minW: 6,
    minH: 2,
  }),
  depotStock: define<DepotStockOptions>({
    type: 'depotStock',
    titleKey: 'panelType.depotStock',
    schema: z.object({ horizonDays: z.number().int().min(1).max(365) }).strict(),
    defaults: { horizonDays: 30 },
    component: DepotStockPanel,
    // Polled every minute; three missed polls and the room is told the picture is old.
    staleAfterMs: 180_000,
    minW: 6,
    minH: 4,
  }),
};

export function panelDefinition(type: string): PanelDefinition | null {
  return (PANEL_TYPES as readonly string[]).includes(type) ? PANELS[type as PanelType] : null;
}
