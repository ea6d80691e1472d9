import { z } from 'zod';
import type { ConnectedDisplays } from '../displays';

/**
 * Channels the Electron shell answers itself rather than the core: things only
 * the main process can do (native dialogs, the displays attached to this
 * machine). They go through the same router (sender rule, allow-list, size
 * limit, zod validation); outside the shell (tests, the CLI) a shell channel
 * with no handler answers `unavailable`.
 */
export const shellChannels = {
  /** A native folder picker. `purpose` only titles the dialog; the shell never writes to the folder. */
  'shell.pickFolder': z.object({ purpose: z.enum(['backups', 'exports']) }).strict(),
  /** The displays attached now (Electron `screen`) and what the display manager's last plan shows on each. */
  'displays.connected': z.object({}).strict(),
} as const;

export type ShellChannel = keyof typeof shellChannels;

export const SHELL_CHANNELS = Object.keys(shellChannels) as ShellChannel[];

export function isShellChannel(name: string): name is ShellChannel {
  return Object.prototype.hasOwnProperty.call(shellChannels, name);
}

export interface ShellResponses {
  /** null: the operator cancelled the dialog. */
  'shell.pickFolder': { path: string | null };
  'displays.connected': ConnectedDisplays;
}
