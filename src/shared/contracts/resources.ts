import { z } from 'zod';
import { DISTRICT_CODES, SHANGHAI_BBOX } from '../domain';
import {
  AGENCIES,
  CAPABILITIES,
  IMPORT_KINDS,
  MOVEMENT_KINDS,
  UNIT_STATUSES,
  type Depot,
  type ImportPreview,
  type LedgerEntry,
  type MovementResult,
  type PositionFix,
  type ResourceKpis,
  type Recommendation,
  type StockAlert,
  type StockLine,
  type StockSummary,
  type SupplyItem,
  type Table,
  type Unit,
  type UnitStatusChange,
} from '../resources';

const id = z.string().trim().min(1).max(64);
const text = (max: number): z.ZodString => z.string().trim().max(max);
const lat = z.number().finite().min(SHANGHAI_BBOX.minLat).max(SHANGHAI_BBOX.maxLat);
const lon = z.number().finite().min(SHANGHAI_BBOX.minLon).max(SHANGHAI_BBOX.maxLon);

export const unitInputSchema = z
  .object({
    id,
    callSign: text(40).min(1),
    agency: z.enum(AGENCIES),
    unitType: text(60).min(1),
    capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length).default([]),
    crewSize: z.number().int().min(1).max(500).nullable().default(null),
    homeStation: text(200).nullable().default(null),
    homeLat: lat.nullable().default(null),
    homeLon: lon.nullable().default(null),
    district: z.enum(DISTRICT_CODES).nullable().default(null),
  })
  .strict();

export const depotInputSchema = z
  .object({
    code: text(40).min(1),
    name: text(200).min(1),
    district: z.enum(DISTRICT_CODES).nullable().default(null),
    address: text(300).nullable().default(null),
    lat: lat.nullable().default(null),
    lon: lon.nullable().default(null),
    contactName: text(100).nullable().default(null),
    contactPhone: text(40).nullable().default(null),
  })
  .strict();

export const itemInputSchema = z
  .object({
    code: text(40).min(1),
    name: text(200).min(1),
    uom: text(20).min(1),
    minLevel: z.number().int().min(0).max(100_000_000).default(0),
    tracksExpiry: z.boolean().default(false),
  })
  .strict();

export const movementSchema = z
  .object({
    kind: z.enum(MOVEMENT_KINDS),
    depotId: id,
    itemId: id,
    qty: z.number().int().min(1).max(100_000_000),
    lot: text(60).optional(),
    expiresAt: z.number().int().optional(),
    incidentId: id.optional(),
    toDepotId: id.optional(),
    note: text(1000).optional(),
  })
  .strict();

/** A parsed sheet travels as strings; 256 KB per request (the router's limit) is a few thousand rows. */
const tableSchema = z
  .object({
    columns: z.array(z.string().max(100)).min(1).max(50),
    rows: z.array(z.array(z.string().max(1000)).max(50)).max(20_000),
  })
  .strict();

const empty = z.object({}).strict();

/** Channels of resource tracking: units, recommendation, depots, stock ledger, import/export. */
export const resourcesChannels = {
  'unit.list': empty,
  'unit.byIds': z.object({ ids: z.array(id).max(5000) }).strict(),
  'unit.get': z
    .object({
      id,
      trackHours: z
        .number()
        .min(0.1)
        .max(24 * 30)
        .default(1),
    })
    .strict(),
  'unit.save': unitInputSchema,
  'unit.setStatus': z.object({ id, status: z.enum(UNIT_STATUSES), reason: text(500).optional() }).strict(),
  'unit.dispatch': z
    .object({ unitIds: z.array(id).min(1).max(100), incidentId: id, note: text(500).optional() })
    .strict(),
  'unit.recall': z.object({ id, reason: text(500).optional() }).strict(),
  /** Clear a rejected upstream command from the unit once an officer has seen the reason. */
  'unit.dismissCommand': z.object({ id }).strict(),
  'unit.recommend': z.object({ incidentId: id, limit: z.number().int().min(1).max(200).default(20) }).strict(),
  'depot.list': empty,
  'depot.save': depotInputSchema,
  'supply.items': empty,
  'supply.saveItem': itemInputSchema,
  'stock.summary': z.object({ horizonDays: z.number().int().min(1).max(365).default(30) }).strict(),
  'stock.lines': z.object({ depotId: id.optional() }).strict(),
  'stock.ledger': z
    .object({
      depotId: id.optional(),
      itemId: id.optional(),
      incidentId: id.optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    })
    .strict(),
  'stock.move': movementSchema,
  'stock.alerts': z.object({ horizonDays: z.number().int().min(1).max(365).default(30) }).strict(),
  'resources.import.validate': z.object({ kind: z.enum(IMPORT_KINDS), table: tableSchema }).strict(),
  'resources.import.commit': z.object({ kind: z.enum(IMPORT_KINDS), table: tableSchema }).strict(),
  'resources.export': z.object({ kind: z.enum(IMPORT_KINDS) }).strict(),
  'resources.kpis': z
    .object({
      windowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 31)
        .default(24),
    })
    .strict(),
} as const;

export interface ResourcesResponses {
  'unit.list': Unit[];
  'unit.byIds': Unit[];
  'unit.get': { unit: Unit; history: UnitStatusChange[]; track: PositionFix[] };
  'unit.save': Unit;
  'unit.setStatus': Unit;
  'unit.dispatch': Unit[];
  'unit.recall': Unit;
  'unit.dismissCommand': Unit;
  'unit.recommend': Recommendation[];
  'depot.list': Depot[];
  'depot.save': Depot;
  'supply.items': SupplyItem[];
  'supply.saveItem': SupplyItem;
  'stock.summary': StockSummary[];
  'stock.lines': StockLine[];
  'stock.ledger': LedgerEntry[];
  'stock.move': MovementResult;
  'stock.alerts': StockAlert[];
  'resources.import.validate': ImportPreview;
  'resources.import.commit': ImportPreview & { committed: boolean };
  'resources.export': Table;
  'resources.kpis': ResourceKpis;
}
