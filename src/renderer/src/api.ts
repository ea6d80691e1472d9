import i18next from 'i18next';
import type { WatchfloorApi } from '../../shared/api';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc';
import type { AppError, Result } from '../../shared/result';
import { pushToast } from './toasts';

/** The bridge, or null when the page runs without one (a plain browser tab). */
export function bridge(): WatchfloorApi | null {
  return typeof window !== 'undefined' && window.api ? window.api : null;
}

/**
 * Call a core operation. Never throws: a missing bridge or a rejected IPC
 * promise becomes an `internal` Result, so every screen handles one shape.
 */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  const api = bridge();
  if (!api) return { ok: false, error: { code: 'internal', message: i18next.t('errors.bridge') } };
  try {
    return await api.invoke(channel, request);
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}

/** The operator-facing text for an error: translated by code, the core's own message as detail. */
export function errorText(error: AppError): { text: string; detail: string } {
  return {
    text: i18next.t(`errors.${error.code}`, { defaultValue: i18next.t('errors.internal') }),
    detail: error.message,
  };
}

/** Show an error as a toast. */
export function toastError(error: AppError): void {
  const { text, detail } = errorText(error);
  pushToast({ kind: 'error', text, detail });
}

/** Call and return the value, or show the error as a toast and return null. */
export async function callOrToast<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C> | null> {
  const r = await call(channel, request);
  if (r.ok) return r.value;
  toastError(r.error);
  return null;
}
