import type { Channel, ChangeBatch } from '../../shared/ipc';
import type { Result } from '../../shared/result';

/** Messages between the shell's thread and the core worker. */
export type ToWorker =
  | { kind: 'call'; id: number; channel: Channel; request: unknown }
  | { kind: 'decrypted'; id: number; plain?: string; error?: string }
  | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'open_failed'; error: { name: string; kind?: string; message: string } }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'changes'; batch: ChangeBatch }
  | { kind: 'mode'; mode: 'live' | 'exercise' }
  | { kind: 'decrypt'; id: number; cipherText: string }
  | { kind: 'closed' };

/** What the shell tells the worker at start, beside the core's options. */
export interface WorkerStart {
  firstRun?: boolean;
  /** 'shell': the shell encrypts tokens and decrypts them on request; 'memory': tokens never touch the disk. */
  tokens?: 'shell' | 'memory';
  /** A JSON file of feed sources (no tokens) loaded at start if it exists: `<userData>/feeds.json` in the app. */
  feedsConfig?: string;
}
