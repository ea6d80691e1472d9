import type { WatchfloorApi } from '../shared/api';
import { eventChannel, invokeChannel, isChannelName, isEventName } from '../shared/channel-names';
import type { Channel, RequestOf, ResponseOf } from '../shared/ipc';
import type { Result } from '../shared/result';

/**
 * The slice of `ipcRenderer` the bridge needs. Injected so the bridge is
 * tested under Node with a fake; the preload passes Electron's real one.
 * The listener's first argument is the raw IpcRendererEvent, which must
 * never reach page code (it carries `sender`, i.e. ipcRenderer itself).
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function localFailure(code: 'unknown_channel' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Build `window.api` from the channel list: one typed `invoke` for named
 * operations and `on` for named push events. There is no generic send, and
 * an unknown name is refused here, before anything crosses the process line.
 */
export function buildApi(ipc: IpcRendererLike): WatchfloorApi {
  const api: WatchfloorApi = {
    invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      // Page code is untyped at run time: check the name as the unknown it is.
      const name: unknown = channel;
      if (!isChannelName(name)) {
        const shown = typeof name === 'string' ? name.slice(0, 64) : typeof name;
        return Promise.resolve(localFailure('unknown_channel', `unknown channel ${shown}`));
      }
      return ipc.invoke(invokeChannel(name), request).then(
        (r) => r as Result<ResponseOf<C>>,
        // A rejected invoke means main had no handler or threw: keep the promise
        // contract (always a Result) so page code has one path for errors.
        (err: unknown) => localFailure('internal', err instanceof Error ? err.message : 'the request failed'),
      );
    },
    on(event, listener) {
      if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
      const wire = eventChannel(event);
      // Only the payload is passed on; the IpcRendererEvent stays in the preload.
      const wrapped = (_event: unknown, payload: unknown): void => {
        listener(payload as Parameters<typeof listener>[0]);
      };
      ipc.on(wire, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(wire, wrapped);
      };
    },
  };
  return Object.freeze(api);
}
