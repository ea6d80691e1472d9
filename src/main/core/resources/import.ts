import { districtFromName, SHANGHAI_BBOX } from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import {
  AGENCIES,
  CAPABILITIES,
  IMPORT_COLUMNS,
  type Agency,
  type Capability,
  type ImportKind,
  type ImportPreview,
  type RowError,
  type RowErrorCode,
  type Table,
  type UnitInput,
} from '../../../shared/resources';
import type { Actor, CoreContext } from '../context';
import type { DepotInput, DepotService } from './depots';
import type { StockLedger } from './ledger';
import type { UnitRegistry } from './registry';
import { inWriteTransaction } from './write-tx';
import { SHANGHAI_OFFSET_MS } from '../time';

export { IMPORT_COLUMNS };

/** Columns an export adds after the import columns: live state, ignored when the file is imported again. */
export const EXPORT_ONLY: Record<ImportKind, readonly string[]> = {
  units: ['registered', 'status', 'incident_id', 'lat', 'lon', 'fix_at'],
  depots: [],
  stock: [],
};

type Cells = Record<string, string>;
type Parsed =
  | { kind: 'units'; row: number; value: UnitInput }
  | { kind: 'depots'; row: number; value: DepotInput }
  | { kind: 'stock'; row: number; value: StockRow };

interface StockRow {
  depotCode: string;
  itemCode: string;
  itemName: string | null;
  uom: string | null;
  minLevel: number | null;
  tracksExpiry: boolean | null;
  qty: number;
  lot: string;
  expiresAt: number | null;
}

/** Reads one row's cells, collecting every problem instead of stopping at the first. */
class RowReader {
  constructor(
    private readonly cells: Cells,
    private readonly row: number,
    private readonly errors: RowError[],
  ) {}
  err(column: string, code: RowErrorCode, message: string, params: Record<string, string | number> = {}): void {
    this.errors.push({ row: this.row, column, code, params, message });
  }
  has(col: string): boolean {
    return (this.cells[col] ?? '').trim() !== '';
  }
  text(col: string, required: boolean, max = 200): string | null {
    const v = (this.cells[col] ?? '').trim();
    if (v === '') {
      if (required) this.err(col, 'required', 'required');
      return null;
    }
    if (v.length > max) this.err(col, 'too_long', `longer than ${max} characters`, { max });
    return v;
  }
  int(col: string, required: boolean, min: number, max: number): number | null {
    const v = this.text(col, required);
    if (v === null) return null;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      this.err(col, 'int_range', `must be a whole number from ${min} to ${max} (got "${v}")`, { min, max, value: v });
      return null;
    }
    return Number(v);
  }
  coord(col: string, min: number, max: number): number | null {
    const v = this.text(col, false);
    if (v === null) return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) {
      this.err(col, 'coord_range', `must be a number from ${min} to ${max} (within Shanghai; got "${v}")`, {
        min,
        max,
        value: v,
      });
      return null;
    }
    return n;
  }
  bool(col: string): boolean | null {
    const v = this.text(col, false);
    if (v === null) return null;
    if (/^(1|true|yes|y|是)$/i.test(v)) return true;
    if (/^(0|false|no|n|否)$/i.test(v)) return false;
    this.err(col, 'yes_no', `must be yes or no (got "${v}")`, { value: v });
    return null;
  }
  /** A calendar date in Beijing time; the lot expires at the start of that day. */
  date(col: string): number | null {
    const v = this.text(col, false);
    if (v === null) return null;
    const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(v);
    const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[3])) {
      this.err(col, 'date', `must be a date as YYYY-MM-DD (got "${v}")`, { value: v });
      return null;
    }
    return ms - SHANGHAI_OFFSET_MS;
  }
}

export interface CommitResult extends ImportPreview {
  committed: boolean;
}

/**
 * Two-step import of units, depots and stock. `validate` reads every row
 * and reports every problem with its row number and column, writing
 * nothing; `commit` validates again and writes all rows in one transaction
 * only if there are no errors at all — a file is never half-imported.
 */
export class ResourceImport {
  /** Item codes named (with name and unit) by earlier rows of the file being checked. */
  private fileItems = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly registry: UnitRegistry,
    private readonly depots: DepotService,
    private readonly ledger: StockLedger,
  ) {}

  validate(kind: ImportKind, table: Table): ImportPreview {
    return this.check(kind, table).preview;
  }

  commit(kind: ImportKind, table: Table, actor: Actor): CommitResult {
    return inWriteTransaction(this.ctx.db, (): CommitResult => {
      const { preview, parsed } = this.check(kind, table);
      if (preview.errors.length > 0) return { ...preview, committed: false };
      for (const p of parsed) {
        if (p.kind === 'units') this.registry.save(p.value, actor, 'import');
        else if (p.kind === 'depots') this.depots.saveDepot(p.value);
        else this.commitStock(p.value, actor);
      }
      return { ...preview, committed: true };
    });
  }

  private commitStock(s: StockRow, actor: Actor): void {
    const depot = this.depots.depotByCodeOrNull(s.depotCode);
    if (!depot) throw new CoreError('internal', `depot ${s.depotCode} vanished during import`);
    const known = this.depots.itemByCodeOrNull(s.itemCode);
    const item =
      known && s.itemName === null && s.uom === null && s.minLevel === null && s.tracksExpiry === null
        ? known
        : this.depots.saveItem({
            code: s.itemCode,
            name: s.itemName ?? known?.name ?? s.itemCode,
            uom: s.uom ?? known?.uom ?? '',
            minLevel: s.minLevel ?? known?.minLevel ?? 0,
            tracksExpiry: s.tracksExpiry ?? known?.tracksExpiry ?? s.expiresAt !== null,
          });
    this.ledger.move(
      {
        kind: 'receive',
        depotId: depot.id,
        itemId: item.id,
        qty: s.qty,
        lot: s.lot,
        ...(s.expiresAt !== null ? { expiresAt: s.expiresAt } : {}),
        note: 'import',
      },
      actor,
    );
  }

  private check(kind: ImportKind, table: Table): { preview: ImportPreview; parsed: Parsed[] } {
    const errors: RowError[] = [];
    this.fileItems = new Set();
    const spec = IMPORT_COLUMNS[kind];
    const names = spec.map((c) => c.replace('*', ''));
    const header = table.columns.map((c) => c.trim().toLowerCase());
    header.forEach((h, i) => {
      if (h !== '' && !names.includes(h) && !EXPORT_ONLY[kind].includes(h)) {
        errors.push({
          row: 1,
          column: table.columns[i],
          code: 'unknown_column',
          params: { expected: names.join(', ') },
          message: `unknown column; expected: ${names.join(', ')}`,
        });
      }
      if (h !== '' && header.indexOf(h) !== i)
        errors.push({ row: 1, column: h, code: 'duplicate_column', params: {}, message: 'column appears twice' });
    });
    for (const c of spec.filter((s) => s.endsWith('*')).map((s) => s.slice(0, -1))) {
      if (!header.includes(c))
        errors.push({ row: 1, column: c, code: 'missing_column', params: {}, message: 'required column is missing' });
    }
    const parsed: Parsed[] = [];
    const actions: ImportPreview['actions'] = [];
    if (errors.length > 0) return { preview: { kind, rowCount: table.rows.length, errors, actions }, parsed };
    const seen = new Map<string, number>();
    table.rows.forEach((cellsArr, i) => {
      const row = i + 2;
      if (cellsArr.every((c) => c.trim() === '')) return;
      const cells: Cells = {};
      header.forEach((h, j) => (cells[h] = cellsArr[j] ?? ''));
      const r = new RowReader(cells, row, errors);
      const before = errors.length;
      const p = this.parseRow(kind, r, row);
      if (!p || errors.length > before) return;
      const key =
        p.kind === 'units'
          ? p.value.id
          : p.kind === 'depots'
            ? p.value.code
            : `${p.value.depotCode}/${p.value.itemCode}/${p.value.lot}`;
      const dup = seen.get(key);
      if (dup !== undefined && kind !== 'stock') {
        r.err(kind === 'units' ? 'id' : 'code', 'duplicate_row', `duplicate of row ${dup}`, { other: dup });
        return;
      }
      seen.set(key, row);
      parsed.push(p);
      actions.push({ row, key, action: this.exists(p) ? 'update' : 'create' });
    });
    if (parsed.length === 0 && errors.length === 0) {
      errors.push({ row: 2, column: names[0], code: 'no_rows', params: {}, message: 'the file has no data rows' });
    }
    return { preview: { kind, rowCount: table.rows.length, errors, actions }, parsed };
  }

  private exists(p: Parsed): boolean {
    if (p.kind === 'units') return this.registry.exists(p.value.id);
    if (p.kind === 'depots') return this.depots.depotByCodeOrNull(p.value.code) !== null;
    return this.depots.itemByCodeOrNull(p.value.itemCode) !== null;
  }

  private parseRow(kind: ImportKind, r: RowReader, row: number): Parsed | null {
    const district = (): ReturnType<typeof districtFromName> => {
      const d = r.text('district', false);
      const code = districtFromName(d);
      if (d !== null && code === null)
        r.err('district', 'district', `not one of Shanghai's 16 districts (got "${d}")`, { value: d });
      return code;
    };
    if (kind === 'units') {
      const id = r.text('id', true, 64);
      const callSign = r.text('call_sign', true, 40);
      const agency = r.text('agency', true);
      if (agency !== null && !AGENCIES.includes(agency as Agency)) {
        r.err('agency', 'agency', `must be one of ${AGENCIES.join(', ')} (got "${agency}")`, {
          value: agency,
          expected: AGENCIES.join(', '),
        });
      }
      const unitType = r.text('unit_type', true, 60);
      const capText = r.text('capabilities', false, 400);
      const capabilities = (capText ?? '').split(/[;,、|\s]+/).filter((c) => c !== '');
      const badCaps = capabilities.filter((c) => !CAPABILITIES.includes(c as Capability));
      if (badCaps.length > 0)
        r.err(
          'capabilities',
          'capability',
          `unknown capability ${badCaps.join(', ')}; known: ${CAPABILITIES.join(', ')}`,
          {
            value: badCaps.join(', '),
            expected: CAPABILITIES.join(', '),
          },
        );
      const value: UnitInput = {
        id: id ?? '',
        callSign: callSign ?? '',
        agency: agency as Agency,
        unitType: unitType ?? '',
        capabilities: [...new Set(capabilities)] as Capability[],
        crewSize: r.int('crew_size', false, 1, 500),
        homeStation: r.text('home_station', false),
        homeLat: r.coord('home_lat', SHANGHAI_BBOX.minLat, SHANGHAI_BBOX.maxLat),
        homeLon: r.coord('home_lon', SHANGHAI_BBOX.minLon, SHANGHAI_BBOX.maxLon),
        district: district(),
      };
      if (r.has('home_lat') !== r.has('home_lon'))
        r.err('home_lat', 'pair', 'give both home_lat and home_lon, or neither', { a: 'home_lat', b: 'home_lon' });
      return { kind, row, value };
    }
    if (kind === 'depots') {
      const value: DepotInput = {
        code: r.text('code', true, 40) ?? '',
        name: r.text('name', true) ?? '',
        district: district(),
        address: r.text('address', false, 300),
        lat: r.coord('lat', SHANGHAI_BBOX.minLat, SHANGHAI_BBOX.maxLat),
        lon: r.coord('lon', SHANGHAI_BBOX.minLon, SHANGHAI_BBOX.maxLon),
        contactName: r.text('contact_name', false, 100),
        contactPhone: r.text('contact_phone', false, 40),
      };
      if (r.has('lat') !== r.has('lon'))
        r.err('lat', 'pair', 'give both lat and lon, or neither', { a: 'lat', b: 'lon' });
      return { kind, row, value };
    }
    const depotCode = r.text('depot_code', true, 40);
    if (depotCode !== null && !this.depots.depotByCodeOrNull(depotCode)) {
      r.err('depot_code', 'no_depot', `no depot with code "${depotCode}"; import depots first`, { value: depotCode });
    }
    const itemCode = r.text('item_code', true, 40);
    const known = itemCode ? this.depots.itemByCodeOrNull(itemCode) : null;
    const named = known !== null || (itemCode !== null && this.fileItems.has(itemCode));
    const itemName = r.text('item_name', !named && itemCode !== null);
    const uom = r.text('uom', !named && itemCode !== null, 20);
    if (itemCode !== null && itemName !== null && uom !== null) this.fileItems.add(itemCode);
    const tracksExpiry = r.bool('tracks_expiry');
    const expiresAt = r.date('expires');
    if (expiresAt === null && (tracksExpiry ?? known?.tracksExpiry ?? false) && r.text('expires', false) === null) {
      r.err('expires', 'needs_expiry', 'this item tracks expiry: give the expiry date of the lot');
    }
    return {
      kind,
      row,
      value: {
        depotCode: depotCode ?? '',
        itemCode: itemCode ?? '',
        itemName,
        uom,
        minLevel: r.int('min_level', false, 0, 100_000_000),
        tracksExpiry,
        qty: r.int('qty', true, 1, 100_000_000) ?? 0,
        lot: r.text('lot', false, 60) ?? '',
        expiresAt,
      },
    };
  }
}
