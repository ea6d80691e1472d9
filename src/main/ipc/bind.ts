import type { IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, invokeChannel } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import type { Router } from './router';

/** The slice of `ipcMain` the binding uses; a fake stands in for it in tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * One handler per named channel, each passing to the router with what the
 * binding knows about the sender. There is no catch-all channel: a name not
 * in the contract has no handler at all, so Electron rejects the invoke.
 * Returns a function that removes the handlers again.
 */
export function bindIpc(
  ipc: IpcMainLike,
  router: Router,
  isOurWebContents: (sender: IpcMainInvokeEvent['sender']) => boolean,
): () => void {
  const wired: string[] = [];
  for (const name of CHANNEL_NAMES) {
    const wire = invokeChannel(name);
    ipc.handle(wire, (event, payload): Promise<Result<unknown>> => {
      // senderFrame is null when the frame navigated away or was destroyed
      // before the message was handled: an empty URL is then refused.
      let url: string;
      try {
        url = event.senderFrame?.url ?? '';
      } catch {
        url = '';
      }
      return router.handle(name, payload, { fromOurWindow: isOurWebContents(event.sender), url });
    });
    wired.push(wire);
  }
  return () => {
    for (const wire of wired) ipc.removeHandler(wire);
  };
}
