import { isShellChannel, type ShellChannel } from '../../shared/contracts/shell';
import { channels, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc';
import { CoreError, fail, ok, type Result } from '../../shared/result';
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
 * Handlers for the channels the Electron shell answers itself (contracts/shell.ts):
 * native dialogs and the like, which neither the renderer nor the core can do.
 * Each gets the already-validated request. Any may be missing (tests, the CLI).
 */
export type ShellHandlers = {
  [C in ShellChannel]?: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

async function answerFromShell<C extends ShellChannel>(
  shell: ShellHandlers,
  channel: C,
  request: ParsedRequestOf<C>,
): Promise<Result<unknown>> {
  const handler = shell[channel] as ((r: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>) | undefined;
  if (!handler) {
    return fail('unavailable', `${channel} is answered by the desktop application only; type the value instead.`);
  }
  try {
    return ok(await handler(request));
  } catch (err) {
    if (err instanceof CoreError) return fail(err.code, err.message);
    return fail('internal', err instanceof Error ? err.message : String(err));
  }
}

/**
 * The IPC router: sender rule, channel allow-list, schema validation, then
 * dispatch to the core — or, for shell channels, to the shell's own handler.
 * It imports nothing from Electron, so the renderer tests drive this very
 * router through a stand-in bridge (with stand-in shell handlers).
 */
export function createRouter(core: CoreClient, allowed: readonly AllowedOrigin[], shell: ShellHandlers = {}): Router {
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
      if (isShellChannel(channel)) {
        return answerFromShell(shell, channel, parsed.data as ParsedRequestOf<ShellChannel>);
      }
      return core.call(channel, parsed.data as ParsedRequestOf<Channel>);
    },
  };
}
