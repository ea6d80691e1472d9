/**
 * Resource-tracking vocabulary shared by core and renderer: agencies, unit
 * statuses and the rules between them, capabilities, what each incident
 * category needs, and supply movements. Labels are i18n keys derived from
 * these codes; nothing here is user-visible text.
 */
import type { Category, District } from './domain';

export const AGENCIES = [
  'fire',
  'medical',
  'police',
  'water',
  'power',
  'gas',
  'hazmat',
  'rescue',
  'volunteer',
  'social_org',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const UNIT_STATUSES = [
  'available',
  'dispatched',
  'en_route',
  'on_scene',
  'returning',
  'out_of_service',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const CAPABILITIES = [
  'firefighting',
  'hazmat',
  'water_rescue',
  'high_rise',
  'medical',
  'collapse_rescue',
  'technical_rescue',
  'extrication',
  'pumping',
  'traffic_control',
  'crowd_control',
  'decontamination',
  'power_repair',
  'gas_repair',
  'water_repair',
  'lighting',
  'shelter',
  'logistics',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * Status rules for changes an officer makes at this seat. Keys are the
 * current status, values the statuses it may move to. Feed updates are
 * facts from the field and are always recorded; a feed move outside this
 * table is flagged `irregular` in the history rather than refused.
 */
export const STATUS_TRANSITIONS: Record<UnitStatus, readonly UnitStatus[]> = {
  available: ['dispatched', 'out_of_service'],
  dispatched: ['en_route', 'on_scene', 'returning', 'available'],
  en_route: ['on_scene', 'returning', 'available'],
  on_scene: ['returning', 'available'],
  returning: ['available', 'dispatched', 'out_of_service'],
  out_of_service: ['available'],
};

/** Names an agency arrives under from city systems (code, Chinese or English), mapped to our codes. */
const AGENCY_NAMES: [Agency, RegExp][] = [
  ['hazmat', /^(hazmat|危化|危险化学品|危化品)/i],
  ['fire', /^(fire|消防)/i],
  ['medical', /^(medical|ems|ambulance|120|急救|医疗|卫生)/i],
  ['police', /^(police|110|公安|警察|交警|巡警)/i],
  ['water', /^(water|供水|水务|自来水)/i],
  ['power', /^(power|electric|电力|供电)/i],
  ['gas', /^(gas|燃气|煤气)/i],
  ['rescue', /^(rescue|救援)/i],
  ['volunteer', /^(volunteer|志愿)/i],
  ['social_org', /^(social|社会组织|红十字)/i],
];

export function agencyFromName(name: string | null | undefined): Agency | null {
  const n = (name ?? '').trim();
  if ((AGENCIES as readonly string[]).includes(n)) return n as Agency;
  for (const [code, re] of AGENCY_NAMES) if (re.test(n)) return code;
  return null;
}

/** Statuses from which a unit may be dispatched. */
export const DISPATCHABLE: readonly UnitStatus[] = ['available', 'returning'];
/** Statuses in which a unit is committed to an incident and can be recalled. */
export const COMMITTED: readonly UnitStatus[] = ['dispatched', 'en_route', 'on_scene'];

export function isAllowedTransition(from: UnitStatus, to: UnitStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** A transition an officer may only make with a written reason (who/when/why is kept). */
export function needsReason(from: UnitStatus, to: UnitStatus): boolean {
  return from === 'out_of_service' || to === 'out_of_service';
}

/** A position older than this (from its fix time) is shown as stale. Trackers report every 10 s. */
export const STALE_AFTER_MS = 2 * 60_000;

/**
 * Effective straight-line speed per agency in km/h, for ETA estimates. These
 * are deliberately low: a straight line is shorter than the road, and urban
 * traffic in Shanghai is slow even under blue lights.
 */
export const AGENCY_SPEED_KMH: Record<Agency, number> = {
  fire: 30,
  medical: 35,
  police: 40,
  water: 25,
  power: 25,
  gas: 25,
  hazmat: 25,
  rescue: 28,
  volunteer: 18,
  social_org: 18,
};

/** What an incident of each category needs from the units sent to it. */
export const CATEGORY_NEEDS: Record<Category, readonly Capability[]> = {
  waterlogging: ['pumping', 'water_rescue'],
  typhoon: ['collapse_rescue', 'pumping', 'water_rescue'],
  rainstorm: ['pumping', 'lighting'],
  extreme_weather: ['medical', 'shelter'],
  geological: ['collapse_rescue', 'medical'],
  fire: ['firefighting', 'high_rise', 'medical'],
  traffic: ['extrication', 'medical', 'traffic_control'],
  construction: ['collapse_rescue', 'medical'],
  hazmat: ['hazmat', 'decontamination', 'firefighting'],
  gas: ['gas_repair', 'hazmat'],
  water_supply: ['water_repair', 'logistics'],
  power: ['power_repair', 'lighting'],
  metro: ['technical_rescue', 'medical', 'crowd_control'],
  building: ['collapse_rescue', 'high_rise', 'medical'],
  special_equipment: ['technical_rescue'],
  info_network: [],
  epidemic: ['medical', 'decontamination'],
  food_safety: ['medical'],
  poisoning: ['medical', 'hazmat'],
  crowd: ['crowd_control', 'medical'],
  public_order: ['crowd_control'],
  other: [],
};

export interface Unit {
  id: string;
  callSign: string;
  agency: Agency | null;
  unitType: string | null;
  capabilities: Capability[];
  crewSize: number | null;
  homeStation: string | null;
  district: District | null;
  status: UnitStatus;
  statusAt: number | null;
  lat: number | null;
  lon: number | null;
  fixAt: number | null;
  speedKmh: number | null;
  heading: number | null;
  /** Computed at read time from the fix age and STALE_AFTER_MS; true when there is no fix at all. */
  stale: boolean;
  incidentId: string | null;
  /** The source system's incident reference, kept when it names an incident this seat does not know. */
  incidentRef: string | null;
  registered: boolean;
  /** Outbox command id of a dispatch/recall not yet confirmed by the upstream system. */
  pendingCommand: string | null;
  /** The configured feed source that reports this unit; dispatch/recall go through its outbox. Null: local only. */
  feedSource: string | null;
  /** State of `pendingCommand` in the outbox: pending until the upstream acks it; rejected keeps the upstream's reason. */
  commandState: 'pending' | 'rejected' | null;
  /** The upstream's reason when it rejected the command. */
  commandError: string | null;
  /** What `pendingCommand` asked the upstream to do. */
  commandType: UnitCommandType | null;
  /** When the command was queued (pending since). */
  commandAt: number | null;
  /** When the upstream rejected it; null while pending. */
  commandSettledAt: number | null;
  updatedAt: number;
}

export const UNIT_COMMAND_TYPES = ['unit.dispatch', 'unit.recall'] as const;
export type UnitCommandType = (typeof UNIT_COMMAND_TYPES)[number];

export interface UnitStatusChange {
  id: number;
  unitId: string;
  at: number;
  fromStatus: UnitStatus | null;
  toStatus: UnitStatus;
  incidentId: string | null;
  actor: string;
  reason: string | null;
  source: 'local' | 'feed' | 'import';
  /** A feed move the local rules would not allow; recorded, and shown for an officer to check. */
  irregular: boolean;
}

export interface PositionFix {
  at: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  heading: number | null;
}

export interface Recommendation {
  unit: Unit;
  rank: number;
  /** Lower is better: ETA in minutes plus penalties. */
  score: number;
  distanceKm: number;
  etaMin: number;
  speedKmh: number;
  positionSource: 'live' | 'stale' | 'home' | 'none';
  fixAgeMin: number | null;
  stalePenaltyMin: number;
  capabilityPenaltyMin: number;
  matched: Capability[];
  missing: Capability[];
}

export const MOVEMENT_KINDS = ['receive', 'allocate', 'transfer', 'return', 'consume', 'write_off'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface Depot {
  id: string;
  code: string;
  name: string;
  district: District | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  contactName: string | null;
  contactPhone: string | null;
}

export interface SupplyItem {
  id: string;
  code: string;
  name: string;
  /** Unit of measure: quantities are whole numbers of this unit. */
  uom: string;
  /** Low-stock threshold per depot holding the item. */
  minLevel: number;
  tracksExpiry: boolean;
}

export interface StockLine {
  depotId: string;
  itemId: string;
  lot: string;
  expiresAt: number | null;
  qty: number;
}

export interface StockSummary {
  depotId: string;
  depotCode: string;
  depotName: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  uom: string;
  qty: number;
  minLevel: number;
  low: boolean;
  /** Earliest expiry among lots still holding stock. */
  nextExpiry: number | null;
  expiringQty: number;
  expiredQty: number;
}

export interface LedgerEntry {
  id: number;
  movementId: string;
  at: number;
  kind: MovementKind;
  depotId: string;
  itemId: string;
  lot: string;
  expiresAt: number | null;
  qtyDelta: number;
  incidentId: string | null;
  counterpartDepotId: string | null;
  actor: string;
  note: string | null;
}

export interface StockAlert {
  kind: 'low_stock' | 'expiring' | 'expired';
  depotId: string;
  depotName: string;
  itemId: string;
  itemName: string;
  uom: string;
  qty: number;
  minLevel: number | null;
  lot: string | null;
  expiresAt: number | null;
}

export const IMPORT_KINDS = ['units', 'depots', 'stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A parsed sheet: header names and rows of cell text. Row 1 of the file is the header. */
export interface Table {
  columns: string[];
  rows: string[][];
}

export const ROW_ERROR_CODES = [
  'required',
  'too_long',
  'int_range',
  'coord_range',
  'yes_no',
  'date',
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'duplicate_row',
  'no_rows',
  'district',
  'agency',
  'capability',
  'pair',
  'no_depot',
  'needs_expiry',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export interface RowError {
  /** 1-based row number as the officer sees it in the spreadsheet (header is row 1). */
  row: number;
  column: string;
  /** Stable code for a translated message; `params` fill it in. */
  code: RowErrorCode;
  params: Record<string, string | number>;
  /** The same in English, for logs and tests. */
  message: string;
}

/** Columns of each import kind; `*` marks required ones. Exports use the same columns so files round-trip. */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  units: [
    'id*',
    'call_sign*',
    'agency*',
    'unit_type*',
    'capabilities',
    'crew_size',
    'home_station',
    'home_lat',
    'home_lon',
    'district',
  ],
  depots: ['code*', 'name*', 'district', 'address', 'lat', 'lon', 'contact_name', 'contact_phone'],
  stock: ['depot_code*', 'item_code*', 'item_name', 'uom', 'min_level', 'tracks_expiry', 'qty*', 'lot', 'expires'],
};

export interface ImportPreview {
  kind: ImportKind;
  rowCount: number;
  errors: RowError[];
  /** Per row: whether it creates a new record or updates an existing one. */
  actions: { row: number; key: string; action: 'create' | 'update' }[];
}

/** A unit as an officer registers or completes it (import rows and the unit form). */
export interface UnitInput {
  id: string;
  callSign: string;
  agency: Agency;
  unitType: string;
  capabilities: Capability[];
  crewSize: number | null;
  homeStation: string | null;
  homeLat: number | null;
  homeLon: number | null;
  district: District | null;
}

/** One movement as an officer enters it; quantities are positive whole numbers of the item's unit. */
export interface MovementInput {
  kind: MovementKind;
  depotId: string;
  itemId: string;
  qty: number;
  /** Receive: the lot to book into. Outgoing kinds: take from this lot only (otherwise first-expiry-first-out). */
  lot?: string;
  /** Receive only; required for items that track expiry. */
  expiresAt?: number;
  /** Allocate and return. */
  incidentId?: string;
  /** Transfer: the receiving depot. */
  toDepotId?: string;
  note?: string;
}

export interface MovementResult {
  movementId: string;
  entries: LedgerEntry[];
}

export interface ResourceKpis {
  unitsByStatus: Record<UnitStatus, number>;
  staleUnits: number;
  unregisteredUnits: number;
  /** Time from an incident being reported to its first unit dispatched, over the window. */
  dispatch: { count: number; medianSec: number | null; meanSec: number | null; p90Sec: number | null };
}
