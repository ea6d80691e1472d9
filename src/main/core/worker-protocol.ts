import type { Channel, ChangeBatch } from '../../shared/ipc';
import type { Result } from '../../shared/result';

/** Messages between the shell's thread and the core worker. */
export type ToWorker = { kind: 'call'; id: number; channel: Channel; request: unknown } | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'open_failed'; error: { name: string; kind?: string; message: string } }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'changes'; batch: ChangeBatch }
  | { kind: 'mode'; mode: 'live' | 'exercise' }
  | { kind: 'closed' };
