/**
 * Results cross every boundary (IPC, worker, CLI) as plain data with stable
 * error codes, never as thrown exceptions: a renderer can switch on `code`
 * and show a translated message, and nothing about the core's internals leaks.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'store_unavailable'
  /** Nobody is signed in at the seat: sign in, then act. */
  | 'signed_out'
  /** A shell channel asked of something that is not the Electron shell (tests, the CLI). */
  | 'unavailable'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms, keyed by dotted path. */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, issues?: AppError['issues']): Result<T> {
  return issues && issues.length > 0
    ? { ok: false, error: { code, message, issues } }
    : { ok: false, error: { code, message } };
}

/** Thrown inside the core to abort a transaction with a typed error. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
