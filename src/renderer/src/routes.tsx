import type { ReactElement } from 'react';
import { AuditScreen } from './screens/AuditScreen';
import { BackupsScreen } from './screens/BackupsScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { BoardPage, WallPage } from './boards/BoardPage';
import { DisplaysScreen } from './boards/DisplaysScreen';
import { AarScreen } from './exercise/AarScreen';
import { ControllerScreen } from './exercise/ControllerScreen';
import { BoardScreen } from './screens/BoardScreen';
import { CasesScreen } from './screens/CasesScreen';
import { ConsoleScreen } from './screens/ConsoleScreen';
import { MergeScreen } from './screens/MergeScreen';
import { DepotsScreen } from './screens/DepotsScreen';
import { ResourceImportScreen } from './screens/ResourceImportScreen';
import { UnitsScreen } from './screens/UnitsScreen';
import { FeedsScreen } from './screens/FeedsScreen';
import { DutyScreen } from './screens/DutyScreen';
import { HandoverScreen } from './screens/HandoverScreen';
import { RosterScreen } from './screens/RosterScreen';

export interface RouteDef {
  /** Hash path, e.g. '/console' → `#/console`. */
  path: string;
  /** i18n key (common namespace) of the navigation label. */
  labelKey: string;
  /** False for a screen reached from another screen rather than the top bar (keeps the bar from overflowing). */
  nav?: boolean;
  element: ReactElement;
}

/** Screens in navigation order. Add a screen with one line here. */
export const routes: RouteDef[] = [
  { path: '/console', labelKey: 'nav.console', element: <ConsoleScreen /> },
  { path: '/board', labelKey: 'nav.board', element: <BoardScreen /> },
  { path: '/merge', labelKey: 'nav.merge', element: <MergeScreen /> },
  { path: '/cases', labelKey: 'nav.cases', element: <CasesScreen /> },
  { path: '/audit', labelKey: 'nav.audit', element: <AuditScreen /> },
  { path: '/reports', labelKey: 'nav.reports', element: <ReportsScreen />, nav: false },
  { path: '/backups', labelKey: 'nav.backups', element: <BackupsScreen />, nav: false },
  { path: '/units', labelKey: 'nav.units', element: <UnitsScreen /> },
  { path: '/depots', labelKey: 'nav.depots', element: <DepotsScreen /> },
  { path: '/resources/import', labelKey: 'nav.resourcesImport', element: <ResourceImportScreen />, nav: false },
  { path: '/feeds', labelKey: 'feeds:nav', element: <FeedsScreen /> },
  { path: '/exercise', labelKey: 'nav.exercise', element: <ControllerScreen /> },
  { path: '/aar', labelKey: 'nav.aar', element: <AarScreen /> },
  { path: '/boards', labelKey: 'boards:nav.boards', element: <BoardPage /> },
  { path: '/displays', labelKey: 'boards:displays.title', element: <DisplaysScreen />, nav: false },
  { path: '/duty', labelKey: 'nav.duty', element: <DutyScreen /> },
  { path: '/roster', labelKey: 'nav.roster', element: <RosterScreen /> },
  { path: '/handover', labelKey: 'nav.handover', element: <HandoverScreen /> },
];

/** Routes with a parameter, not in the navigation. `chrome: false` = no top bar (wall windows). */
export interface PatternRoute {
  match: (path: string) => boolean;
  element: ReactElement;
  chrome: boolean;
}

export const patternRoutes: PatternRoute[] = [
  { match: (p) => p.startsWith('/board/'), element: <BoardPage />, chrome: true },
  { match: (p) => p.startsWith('/wall/'), element: <WallPage />, chrome: false },
];

export const DEFAULT_PATH = '/console';
