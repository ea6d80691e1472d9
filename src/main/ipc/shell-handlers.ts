import type { ConnectedDisplays } from '../../shared/displays';
import type { ShellLocale } from '../i18n/startup-messages';
import { CoreError } from '../../shared/result';
import type { ShellHandlers } from './router';

/** The slice of Electron's `dialog` the folder picker uses; a fake stands in for it in tests. */
export interface FolderDialog {
  showOpenDialog(options: {
    title: string;
    buttonLabel: string;
    properties: ('openDirectory' | 'createDirectory')[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

const TITLES: Record<ShellLocale, Record<'backups' | 'exports', string> & { button: string }> = {
  'zh-CN': { backups: '选择备份文件夹', exports: '选择导出文件夹', button: '选择此文件夹' },
  en: { backups: 'Choose the backup folder', exports: 'Choose the export folder', button: 'Choose this folder' },
};

/**
 * What the shell answers itself over the router (contracts/shell.ts). Kept
 * free of Electron so it is tested with a fake dialog; index.ts passes the
 * real one, and the display manager's `connected()` for `displays.connected`.
 */
export function shellHandlers(deps: {
  dialog: FolderDialog;
  locale: () => ShellLocale;
  /** The display manager's view; null until it has started (the first plan runs after the router is bound). */
  displays?: () => { connected(): ConnectedDisplays } | null;
}): ShellHandlers {
  return {
    'displays.connected': () => {
      const manager = deps.displays?.() ?? null;
      if (!manager) throw new CoreError('unavailable', 'the displays are still being detected; try again in a moment.');
      return manager.connected();
    },
    'shell.pickFolder': async ({ purpose }) => {
      const text = TITLES[deps.locale()];
      const r = await deps.dialog.showOpenDialog({
        title: text[purpose],
        buttonLabel: text.button,
        properties: ['openDirectory', 'createDirectory'],
      });
      return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
    },
  };
}
