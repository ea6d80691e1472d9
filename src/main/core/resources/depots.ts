import type { Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { District } from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import type { Depot, SupplyItem } from '../../../shared/resources';
import type { CoreContext } from '../context';

export type DepotInput = Omit<Depot, 'id'>;
export type ItemInput = Omit<SupplyItem, 'id'>;

interface DepotRow {
  id: string;
  code: string;
  name: string;
  district: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  contact_name: string | null;
  contact_phone: string | null;
}

interface ItemRow {
  id: string;
  code: string;
  name: string;
  uom: string;
  min_level: number;
  tracks_expiry: number;
}

const toDepot = (r: DepotRow): Depot => ({
  id: r.id,
  code: r.code,
  name: r.name,
  district: r.district as District | null,
  address: r.address,
  lat: r.lat,
  lon: r.lon,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
});

const toItem = (r: ItemRow): SupplyItem => ({
  id: r.id,
  code: r.code,
  name: r.name,
  uom: r.uom,
  minLevel: r.min_level,
  tracksExpiry: r.tracks_expiry === 1,
});

/** Depots and the catalogue of supply items; both keyed for officers by a short code. */
export class DepotService {
  private readonly depotByCode: Statement<[string]>;
  private readonly depotById: Statement<[string]>;
  private readonly depots: Statement<[]>;
  private readonly upsertDepot: Statement;
  private readonly itemByCode: Statement<[string]>;
  private readonly itemById: Statement<[string]>;
  private readonly items: Statement<[]>;
  private readonly upsertItem: Statement;

  constructor(private readonly ctx: CoreContext) {
    const db = ctx.db;
    this.depotByCode = db.prepare('SELECT * FROM depots WHERE code = ?');
    this.depotById = db.prepare('SELECT * FROM depots WHERE id = ?');
    this.depots = db.prepare('SELECT * FROM depots ORDER BY code');
    this.upsertDepot = db.prepare(`INSERT INTO depots
      (id, code, name, district, address, lat, lon, contact_name, contact_phone, updated_at)
      VALUES (@id, @code, @name, @district, @address, @lat, @lon, @contactName, @contactPhone, @at)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, district = excluded.district, address = excluded.address,
        lat = excluded.lat, lon = excluded.lon, contact_name = excluded.contact_name,
        contact_phone = excluded.contact_phone, updated_at = excluded.updated_at`);
    this.itemByCode = db.prepare('SELECT * FROM supply_items WHERE code = ?');
    this.itemById = db.prepare('SELECT * FROM supply_items WHERE id = ?');
    this.items = db.prepare('SELECT * FROM supply_items ORDER BY code');
    this.upsertItem = db.prepare(`INSERT INTO supply_items (id, code, name, uom, min_level, tracks_expiry, updated_at)
      VALUES (@id, @code, @name, @uom, @minLevel, @tracksExpiry, @at)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, uom = excluded.uom, min_level = excluded.min_level,
        tracks_expiry = excluded.tracks_expiry, updated_at = excluded.updated_at`);
  }

  listDepots(): Depot[] {
    return (this.depots.all() as DepotRow[]).map(toDepot);
  }

  listItems(): SupplyItem[] {
    return (this.items.all() as ItemRow[]).map(toItem);
  }

  depot(id: string): Depot {
    const r = this.depotById.get(id) as DepotRow | undefined;
    if (!r) throw new CoreError('not_found', `depot ${id} not found`);
    return toDepot(r);
  }

  item(id: string): SupplyItem {
    const r = this.itemById.get(id) as ItemRow | undefined;
    if (!r) throw new CoreError('not_found', `supply item ${id} not found`);
    return toItem(r);
  }

  depotByCodeOrNull(code: string): Depot | null {
    const r = this.depotByCode.get(code) as DepotRow | undefined;
    return r ? toDepot(r) : null;
  }

  itemByCodeOrNull(code: string): SupplyItem | null {
    const r = this.itemByCode.get(code) as ItemRow | undefined;
    return r ? toItem(r) : null;
  }

  /** Create or update a depot by its code (codes are how officers and import files name depots). */
  saveDepot(input: DepotInput): Depot {
    return this.ctx.db.transaction((): Depot => {
      const existing = this.depotByCodeOrNull(input.code);
      this.upsertDepot.run({
        id: existing?.id ?? uuidv7(),
        code: input.code,
        name: input.name,
        district: input.district,
        address: input.address,
        lat: input.lat,
        lon: input.lon,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        at: this.ctx.now(),
      });
      const saved = this.depotByCodeOrNull(input.code) as Depot;
      this.ctx.changes.record('depot', saved.id, existing ? 'update' : 'insert');
      return saved;
    })();
  }

  saveItem(input: ItemInput): SupplyItem {
    return this.ctx.db.transaction((): SupplyItem => {
      const existing = this.itemByCodeOrNull(input.code);
      this.upsertItem.run({
        id: existing?.id ?? uuidv7(),
        code: input.code,
        name: input.name,
        uom: input.uom,
        minLevel: input.minLevel,
        tracksExpiry: input.tracksExpiry ? 1 : 0,
        at: this.ctx.now(),
      });
      const saved = this.itemByCodeOrNull(input.code) as SupplyItem;
      this.ctx.changes.record('supply_item', saved.id, existing ? 'update' : 'insert');
      return saved;
    })();
  }
}
