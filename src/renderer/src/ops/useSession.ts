import { useEffect, useSyncExternalStore } from 'react';
import type { Session } from '../../../shared/contracts/console';
import type { Role } from '../../../shared/console/roles';
import type { AppError } from '../../../shared/result';
import { call, toastError } from '../api';

/**
 * Who is signed in at this seat, shared by every screen: signing in from the
 * top bar updates the role every screen greys its actions by.
 */
let current: Session | null = null;
/** True once the core has answered: null then means nobody is signed in, not "not asked yet". */
let known = false;
let loading = false;
const listeners = new Set<() => void>();

function publish(s: Session | null): void {
  current = s;
  known = true;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

/** Ask the core again (first use, or after the core restarted). */
export async function refreshSession(): Promise<void> {
  if (loading) return;
  loading = true;
  try {
    const r = await call('session.current', {});
    if (r.ok) publish(r.value);
    else toastError(r.error);
  } finally {
    loading = false;
  }
}

/** Sign in (or switch operator). Resolves to the core's refusal, if any, so the dialog can show it. */
export async function signIn(operator: string, role: Role, pin?: string): Promise<AppError | null> {
  const r = await call('session.signIn', pin ? { operator, role, pin } : { operator, role });
  if (!r.ok) return r.error;
  publish(r.value);
  return null;
}

/** End the seat's session: every action is refused until someone signs in again. */
export async function signOut(): Promise<AppError | null> {
  const r = await call('session.signOut', {});
  if (!r.ok) return r.error;
  publish(null);
  return null;
}

/** Who is signed in at this seat (role decides which actions are offered); null when nobody is. */
export function useSession(): Session | null {
  const s = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!known) void refreshSession();
  }, []);
  return s;
}

/** Whether the core has said who is signed in yet (so "nobody" is not shown while loading). */
export function useSessionKnown(): boolean {
  return useSyncExternalStore(subscribe, () => known);
}
