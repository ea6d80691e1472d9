import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  /** Already translated text. */
  text: string;
  detail?: string;
}

/** A tiny toast store: screens push, the frame renders; errors stay until dismissed. */
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function pushToast(t: Omit<Toast, 'id'>): number {
  const id = nextId++;
  toasts = [...toasts, { ...t, id }].slice(-5);
  emit();
  if (t.kind !== 'error') setTimeout(() => dismissToast(id), 6000);
  return id;
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function useToasts(): Toast[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
}
