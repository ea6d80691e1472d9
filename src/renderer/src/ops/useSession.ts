import { useEffect, useSyncExternalStore } from 'react';
import type { Session } from '../../../shared/contracts/console';
import type { Role } from '../../../shared/console/roles';
import type { AppError } from '../../../shared/result';
import { call, callOrToast } from '../api';

/**
 * Who is signed in at this seat, shared by every screen: signing in from the
 * top bar updates the role every screen greys its actions by.
 */
let current: Session | null = null;
let loading = false;
const listeners = new Set<() => void>();

function publish(s: Session | null): void {
  current = s;
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
    const s = await callOrToast('session.current', {});
    if (s) publish(s);
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

/** Who is signed in at this seat (role decides which actions are offered). */
export function useSession(): Session | null {
  const s = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!current) void refreshSession();
  }, []);
  return s;
}
