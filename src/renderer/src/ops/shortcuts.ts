import { useEffect, useRef } from 'react';

/** The console's keyboard shortcuts, one table for the handler and the help overlay. */
export const SHORTCUTS = [
  { keys: ['N'], action: 'newReport' },
  { keys: ['A'], action: 'acknowledge' },
  { keys: ['J', '↓'], action: 'next' },
  { keys: ['K', '↑'], action: 'prev' },
  { keys: ['/'], action: 'search' },
  { keys: ['M'], action: 'merge' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'escape' },
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

const KEY_TO_ACTION: Record<string, ShortcutAction> = {
  n: 'newReport',
  a: 'acknowledge',
  j: 'next',
  ArrowDown: 'next',
  k: 'prev',
  ArrowUp: 'prev',
  '/': 'search',
  m: 'merge',
  '?': 'help',
  Escape: 'escape',
};

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Window-level shortcuts. Letters are ignored while typing in a field (Esc
 * still works there) and when a modifier is held, so they never fight
 * with text entry or the browser's own keys. The grid keeps its own arrow
 * keys when it has focus.
 */
export function useShortcuts(handler: (action: ShortcutAction) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = KEY_TO_ACTION[e.key] ?? KEY_TO_ACTION[e.key.toLowerCase()];
      if (!action) return;
      if (action !== 'escape' && typingIn(e.target)) return;
      if ((action === 'next' || action === 'prev') && e.key.startsWith('Arrow')) {
        if (e.target instanceof HTMLElement && e.target.closest('.ag-root-wrapper')) return;
      }
      e.preventDefault();
      ref.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
