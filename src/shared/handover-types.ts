/** The shift handover (交接班) record, generated from the live state of the seat. */

export type HandoverSectionKey = 'incidents' | 'alerts' | 'warnings' | 'planSteps' | 'outbox' | 'units' | 'stock';

export interface HandoverRow {
  id: string;
  title: string;
  /** Level 1–4 for incidents; a colour or severity for warnings; absent otherwise. */
  level: string | null;
  status: string | null;
  /** For incidents: the latest timeline entry, i.e. what happens next. */
  detail: string | null;
  at: number | null;
}

export type HandoverSection =
  | { key: HandoverSectionKey; available: true; rows: HandoverRow[] }
  /** The table does not exist in this store yet (that part of the app is not installed). */
  | { key: HandoverSectionKey; available: false; reason: string };

export interface HandoverSnapshot {
  generatedAt: number;
  sections: HandoverSection[];
}

export interface HandoverItem {
  id: string;
  originHandoverId: string;
  originRef: string;
  title: string;
  detail: string;
  createdAt: number;
  createdBy: string;
  closedAt: number | null;
  closedBy: string | null;
  closeNote: string | null;
}

export interface Handover {
  id: string;
  ref: string;
  status: 'open' | 'complete';
  createdAt: number;
  createdBy: string;
  shiftLabel: string;
  snapshot: HandoverSnapshot;
  notes: string;
  outgoingOperator: string | null;
  outgoingSignedAt: number | null;
  incomingOperator: string | null;
  incomingSignedAt: number | null;
  completedAt: number | null;
  items: HandoverItem[];
}

export interface HandoverSummary {
  id: string;
  ref: string;
  status: 'open' | 'complete';
  createdAt: number;
  shiftLabel: string;
  outgoingOperator: string | null;
  incomingOperator: string | null;
  openItems: number;
}
