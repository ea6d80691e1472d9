import type { ReactElement } from 'react';
import { BoardScreen } from './screens/BoardScreen';
import { ConsoleScreen } from './screens/ConsoleScreen';

export interface RouteDef {
  /** Hash path, e.g. '/console' → `#/console`. */
  path: string;
  /** i18n key (common namespace) of the navigation label. */
  labelKey: string;
  element: ReactElement;
}

/** Screens in navigation order. Add a screen with one line here. */
export const routes: RouteDef[] = [
  { path: '/console', labelKey: 'nav.console', element: <ConsoleScreen /> },
  { path: '/board', labelKey: 'nav.board', element: <BoardScreen /> },
];

export const DEFAULT_PATH = '/console';
