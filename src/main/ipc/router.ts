import { channels, isChannel, type Channel, type ParsedRequestOf } from '../../shared/ipc';
import { fail, type Result } from '../../shared/result';
import type { CoreClient } from '../core/client';

/** Where a request came from, as the binding saw it. */
export interface SenderInfo {
  /** True when the sending webContents belongs to one of our windows. */
  fromOurWindow: boolean;
  /** URL of the sending frame. */
  url: string;
}

export interface AllowedOrigin {
  protocol: string;
  host: string;
}

/**
 * Compare protocol and host rather than `origin`: for a custom scheme such as
 * app://watchfloor `new URL(...).origin` is the string "null", which would
 * match any other opaque origin.
 */
export function isAllowedUrl(url: string, allowed: readonly AllowedOrigin[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return allowed.some((a) => a.protocol === parsed.protocol && a.host === parsed.host);
}

/** Requests larger than this are refused before parsing: nothing legitimate comes near it. */
export const MAX_REQUEST_BYTES = 256 * 1024;

export interface Router {
  handle(channel: unknown, payload: unknown, sender: SenderInfo): Promise<Result<unknown>>;
}

/**
 * The IPC router: sender rule, channel allow-list, schema validation, then
 * dispatch to the core. It imports nothing from Electron, so the renderer
 * tests drive this very router through a stand-in bridge.
 */
export function createRouter(core: CoreClient, allowed: readonly AllowedOrigin[]): Router {
  return {
    async handle(channel, payload, sender) {
      if (!sender.fromOurWindow || !isAllowedUrl(sender.url, allowed)) {
        return fail('forbidden_sender', 'request refused: it did not come from a Watchfloor window');
      }
      if (!isChannel(channel)) {
        return fail(
          'unknown_channel',
          `unknown channel ${typeof channel === 'string' ? channel.slice(0, 64) : typeof channel}`,
        );
      }
      let size: number;
      try {
        size = JSON.stringify(payload ?? null)?.length ?? 0;
      } catch {
        return fail('invalid_request', 'the request is not plain data');
      }
      if (size > MAX_REQUEST_BYTES) return fail('invalid_request', `the request is too large (${size} bytes)`);
      const parsed = channels[channel].safeParse(payload ?? {});
      if (!parsed.success) {
        return fail(
          'invalid_request',
          'the request is not valid',
          parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        );
      }
      return core.call(channel, parsed.data as ParsedRequestOf<Channel>);
    },
  };
}
