import type { Channel, ChangeBatch, ParsedRequestOf, ResponseOf } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import { Core, type CoreOptions } from './core';

/** The one async interface the shell (and its tests) use to reach the core. */
export interface CoreClient {
  call<C extends Channel>(channel: C, request: ParsedRequestOf<C>): Promise<Result<ResponseOf<C>>>;
  onChanges(listener: (batch: ChangeBatch) => void): () => void;
  /** The seat switched between live and exercise: windows reload, their cursors belong to the old store. */
  onModeChange(listener: (mode: 'live' | 'exercise') => void): () => void;
  close(): Promise<void>;
}

/** The core in this thread: tests, the CLI, and benchmarks. */
export function inProcessCore(opts: CoreOptions): CoreClient & { core: Core } {
  const core = new Core(opts);
  return {
    core,
    call: (channel, request) => core.handleAsync(channel, request),
    onChanges: (listener) => core.onChanges(listener),
    // A bare core never switches stores; the seat runtime in the worker does.
    onModeChange: () => () => undefined,
    close: () => {
      core.close();
      return Promise.resolve();
    },
  };
}
