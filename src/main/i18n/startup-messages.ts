/**
 * Text for the native dialogs the shell shows before any window exists
 * (the renderer's i18next is not loaded yet). zh-CN first, English second;
 * tests/unit/startup-messages.test.ts keeps the two key sets identical.
 */
export type StartupProblem = 'newer_version' | 'corrupt' | 'unreadable' | 'not_durable' | 'native_missing' | 'unknown';

export type ShellLocale = 'zh-CN' | 'en';

interface Text {
  title: string;
  message: string;
  /** What to do; `{file}` is replaced with the store's path. */
  action: string;
}

export const STARTUP_MESSAGES: Record<ShellLocale, Record<StartupProblem, Text>> = {
  'zh-CN': {
    newer_version: {
      title: 'Watchfloor 无法启动',
      message: '数据库由更新版本的 Watchfloor 创建，此版本无法安全读取。',
      action: '请安装最新版本的 Watchfloor 后再启动。数据库文件未被修改：{file}',
    },
    corrupt: {
      title: 'Watchfloor 无法启动',
      message: '数据库文件已损坏，无法打开。',
      action: '请联系系统管理员从备份恢复。请勿删除或改动此文件，它已原样保留：{file}',
    },
    unreadable: {
      title: 'Watchfloor 无法启动',
      message: '无法读取数据库文件（权限不足、磁盘错误或被其他程序占用）。',
      action: '请检查文件权限和磁盘，并确认没有另一个 Watchfloor 正在使用它，然后重新启动。文件：{file}',
    },
    not_durable: {
      title: 'Watchfloor 无法启动',
      message: '数据库无法以安全写入模式打开，继续运行可能在断电时丢失已确认的数据。',
      action: '请将数据目录放在本地磁盘上后重新启动，或联系系统管理员。文件：{file}',
    },
    native_missing: {
      title: 'Watchfloor 无法启动',
      message: '为 Electron 编译的数据库组件缺失，或是为其他 Electron 版本编译的。',
      action: '开发环境请先运行 npm run native:electron（需要联网下载 Electron 头文件），然后重新启动。',
    },
    unknown: {
      title: 'Watchfloor 无法启动',
      message: '启动时发生意外错误。',
      action: '请重新启动；如果问题仍然存在，请将以下信息发给系统管理员。数据库文件未被修改：{file}',
    },
  },
  en: {
    newer_version: {
      title: 'Watchfloor cannot start',
      message: 'The database was created by a newer version of Watchfloor and this version cannot read it safely.',
      action: 'Install the latest Watchfloor and start it again. The database file was not changed: {file}',
    },
    corrupt: {
      title: 'Watchfloor cannot start',
      message: 'The database file is damaged and cannot be opened.',
      action:
        'Ask your administrator to restore it from a backup. Do not delete or edit it; it was left as it is: {file}',
    },
    unreadable: {
      title: 'Watchfloor cannot start',
      message: 'The database file cannot be read (permissions, a disk error, or another program holds it).',
      action:
        'Check the file permissions and the disk, make sure no other Watchfloor is using it, then start again. File: {file}',
    },
    not_durable: {
      title: 'Watchfloor cannot start',
      message: 'The database cannot be opened in safe-write mode; acknowledged data could be lost in a power cut.',
      action: 'Put the data folder on a local disk and start again, or ask your administrator. File: {file}',
    },
    native_missing: {
      title: 'Watchfloor cannot start',
      message: 'The database component built for Electron is missing, or was built for a different Electron version.',
      action:
        'In development run npm run native:electron first (it downloads Electron headers, so it needs the network), then start again.',
    },
    unknown: {
      title: 'Watchfloor cannot start',
      message: 'An unexpected error happened while starting.',
      action:
        'Start again; if it keeps happening, send the details below to your administrator. The database file was not changed: {file}',
    },
  },
};

export function shellLocale(systemLocale: string): ShellLocale {
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const STORE_KINDS: readonly StartupProblem[] = ['newer_version', 'corrupt', 'unreadable', 'not_durable'];

/**
 * Classify a start-up failure: a StoreOpenError by its kind; a failure to load
 * the native addon (dlopen names the file; a wrong ABI names NODE_MODULE_VERSION)
 * as the build problem it is, since the operator's fix is the build, not the
 * store; anything else as unknown.
 */
export function classifyStartupError(err: unknown, nativeBinding?: string): StartupProblem {
  if (!(err instanceof Error)) return 'unknown';
  const addonFailed =
    /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header/.test(err.message) ||
    (nativeBinding !== undefined && nativeBinding.length > 0 && err.message.includes(nativeBinding));
  if (addonFailed) return 'native_missing';
  if (err.name === 'StoreOpenError') {
    const kind = (err as Error & { kind?: unknown }).kind;
    if (typeof kind === 'string' && (STORE_KINDS as readonly string[]).includes(kind)) return kind as StartupProblem;
  }
  return 'unknown';
}

export interface DialogText {
  title: string;
  message: string;
  detail: string;
}

export function startupDialog(
  problem: StartupProblem,
  locale: ShellLocale,
  file: string,
  technical?: string,
): DialogText {
  const t = STARTUP_MESSAGES[locale][problem];
  const action = t.action.replace('{file}', file);
  return { title: t.title, message: t.message, detail: technical ? `${action}\n\n${technical}` : action };
}
