import type { TFunction } from 'i18next';
import type { Violation } from '../../../shared/roster-rules';
import type { ExportFile, Position, ShiftDef } from '../../../shared/roster-types';

/** A position's label: the translated name for the centre's standard codes, else the stored name. */
export function positionLabel(t: TFunction, p: Position): string {
  return t(`rosters:position.${p.code}`, { defaultValue: p.name });
}

export function shiftLabel(t: TFunction, s: ShiftDef): string {
  return t(`rosters:shift.${s.code}`, { defaultValue: s.name });
}

/** The translated sentence for a violation, with its names and numbers (positions and shifts in the UI language). */
export function violationText(
  t: TFunction,
  v: Violation,
  ref?: { positions: readonly Position[]; shifts: readonly ShiftDef[] },
): string {
  const cell = v.cells[0];
  const pos = ref?.positions.find((p) => p.id === cell?.positionId);
  const shift = ref?.shifts.find((s) => s.id === cell?.shiftId);
  return t(`rosters:rule.${v.rule}`, {
    ...v.params,
    ...(pos ? { position: positionLabel(t, pos) } : {}),
    ...(shift ? { shift: shiftLabel(t, shift) } : {}),
  });
}

/** Save an exported file through the browser (works in the Electron window too). */
export function download(file: ExportFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
