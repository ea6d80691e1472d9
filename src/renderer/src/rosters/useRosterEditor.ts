import { useCallback, useMemo, useState } from 'react';
import { checkRoster, newViolations, type Violation } from '../../../shared/roster-rules';
import type { Assignment, RosterEdit, RosterView } from '../../../shared/roster-types';
import { shiftInterval } from '../../../shared/roster-time';

export interface SlotRef {
  date: string;
  shiftId: string;
  positionId: string;
  /** The assignment in that slot now, if any. */
  assignmentId: string | null;
}

export interface RosterEditor {
  working: Assignment[];
  violations: Violation[];
  /** Violations the unsaved edits add (need an override to save). */
  introduced: Violation[];
  edits: RosterEdit[];
  canUndo: boolean;
  setSlot(slot: SlotRef, personId: string | null): void;
  undo(): void;
  reset(): void;
}

let tmp = 0;

/**
 * The roster being edited: the core's view plus local changes, checked live
 * with the same pure rules the core applies on save. Undo steps back through
 * whole snapshots of the working set; the edits sent on save are the diff
 * between the core's view and the working set.
 */
export function useRosterEditor(view: RosterView | null): RosterEditor {
  const [history, setHistory] = useState<Assignment[][]>([]);
  const [working, setWorking] = useState<Assignment[] | null>(null);
  const [base, setBase] = useState<RosterView | null>(null);
  if (view !== base) {
    setBase(view);
    setWorking(view ? view.assignments : null);
    setHistory([]);
  }
  const current = useMemo(() => working ?? view?.assignments ?? [], [working, view]);

  const violations = useMemo(() => {
    if (!view) return [];
    return checkRoster({
      assignments: [...current, ...view.around],
      people: view.people,
      positions: view.positions,
      shifts: view.shifts,
      from: view.from,
      to: view.to,
      config: view.config,
    });
  }, [current, view]);

  const introduced = useMemo(() => (view ? newViolations(view.violations, violations) : []), [view, violations]);

  const edits = useMemo((): RosterEdit[] => {
    if (!view) return [];
    const now = new Map(current.map((a) => [a.id, a]));
    const out: RosterEdit[] = [];
    for (const a of view.assignments) {
      const w = now.get(a.id);
      if (!w) out.push({ op: 'remove', assignmentId: a.id });
      else if (w.personId !== a.personId) out.push({ op: 'replace', assignmentId: a.id, personId: w.personId });
    }
    for (const a of current) {
      if (a.id.startsWith('tmp:')) {
        out.push({ op: 'assign', date: a.date, shiftId: a.shiftId, positionId: a.positionId, personId: a.personId });
      }
    }
    return out;
  }, [current, view]);

  const setSlot = useCallback(
    (slot: SlotRef, personId: string | null) => {
      if (!view) return;
      const shift = view.shifts.find((s) => s.id === slot.shiftId);
      if (!shift) return;
      let next: Assignment[];
      if (slot.assignmentId) {
        const id = slot.assignmentId;
        next =
          personId === null
            ? current.filter((a) => a.id !== id)
            : current.map((a) => (a.id === id ? { ...a, personId } : a));
      } else if (personId !== null) {
        const iv = shiftInterval(slot.date, shift.startMinute, shift.durationMinutes);
        next = [
          ...current,
          { id: `tmp:${++tmp}`, date: slot.date, shiftId: slot.shiftId, positionId: slot.positionId, personId, ...iv },
        ];
      } else return;
      setHistory((h) => [...h, current]);
      setWorking(next);
    },
    [current, view],
  );

  const undo = useCallback(() => {
    setHistory((h) => {
      if (h.length === 0) return h;
      setWorking(h[h.length - 1]);
      return h.slice(0, -1);
    });
  }, []);

  const reset = useCallback(() => {
    setHistory([]);
    setWorking(view ? view.assignments : null);
  }, [view]);

  return { working: current, violations, introduced, edits, canUndo: history.length > 0, setSlot, undo, reset };
}
