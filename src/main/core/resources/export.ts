import type { ImportKind, Table } from '../../../shared/resources';
import type { CoreContext } from '../context';
import { formatShanghai } from '../time';
import { EXPORT_ONLY, IMPORT_COLUMNS } from './import';

const cols = (kind: ImportKind): string[] => [
  ...IMPORT_COLUMNS[kind].map((c) => c.replace('*', '')),
  ...EXPORT_ONLY[kind],
];
const s = (v: string | number | null): string => (v === null ? '' : String(v));
const day = (ms: number | null): string => (ms === null ? '' : formatShanghai(ms, 'iso').slice(0, 10));

/** The current state as a table with the import columns, so an exported file can be edited and imported back. */
export function exportTable(ctx: CoreContext, kind: ImportKind): Table {
  const db = ctx.db;
  if (kind === 'units') {
    const rows = db
      .prepare(
        `SELECT id, call_sign, agency, unit_type, capabilities, crew_size, home_station, home_lat, home_lon, district,
          registered, status, incident_id, lat, lon, fix_at FROM units ORDER BY agency, call_sign`,
      )
      .all() as Record<string, string | number | null>[];
    return {
      columns: cols(kind),
      rows: rows.map((r) => [
        s(r.id),
        s(r.call_sign),
        s(r.agency),
        s(r.unit_type),
        (JSON.parse(String(r.capabilities)) as string[]).join(';'),
        s(r.crew_size),
        s(r.home_station),
        s(r.home_lat),
        s(r.home_lon),
        s(r.district),
        r.registered === 1 ? 'yes' : 'no',
        s(r.status),
        s(r.incident_id),
        s(r.lat),
        s(r.lon),
        r.fix_at === null ? '' : formatShanghai(Number(r.fix_at), 'iso'),
      ]),
    };
  }
  if (kind === 'depots') {
    const rows = db
      .prepare('SELECT code, name, district, address, lat, lon, contact_name, contact_phone FROM depots ORDER BY code')
      .all() as Record<string, string | number | null>[];
    return { columns: cols(kind), rows: rows.map((r) => Object.values(r).map(s)) };
  }
  const rows = db
    .prepare(
      `SELECT d.code AS depot_code, i.code AS item_code, i.name AS item_name, i.uom, i.min_level, i.tracks_expiry,
        b.qty, b.lot, b.expires_at FROM stock_balances b JOIN depots d ON d.id = b.depot_id
        JOIN supply_items i ON i.id = b.item_id WHERE b.qty > 0 ORDER BY d.code, i.code, b.lot`,
    )
    .all() as Record<string, string | number | null>[];
  return {
    columns: cols(kind),
    rows: rows.map((r) => [
      s(r.depot_code),
      s(r.item_code),
      s(r.item_name),
      s(r.uom),
      s(r.min_level),
      r.tracks_expiry === 1 ? 'yes' : 'no',
      s(r.qty),
      s(r.lot),
      // Expiry is stored as the start of the day in Beijing time.
      day(r.expires_at === null ? null : Number(r.expires_at)),
    ]),
  };
}
