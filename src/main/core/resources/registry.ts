import type { Statement } from 'better-sqlite3';
import type { Unit, UnitInput } from '../../../shared/resources';
import type { Actor, CoreContext } from '../context';
import type { UnitService } from './units';

/**
 * The register of units: what an officer (or an import file) says a unit
 * is. Saving a unit the feeds registered on their own completes it
 * (registered = 1); its live status and position are left as the field
 * reported them.
 */
export class UnitRegistry {
  private readonly exists1: Statement<[string]>;
  private readonly upsert: Statement;
  private readonly history: Statement;

  constructor(
    private readonly ctx: CoreContext,
    private readonly units: UnitService,
  ) {
    const db = ctx.db;
    this.exists1 = db.prepare('SELECT 1 AS x FROM units WHERE id = ?');
    this.upsert = db.prepare(`INSERT INTO units
      (id, call_sign, agency, unit_type, capabilities, crew_size, home_station, home_lat, home_lon, district,
       registered, status, status_at, updated_at)
      VALUES (@id, @callSign, @agency, @unitType, @capabilities, @crewSize, @homeStation, @homeLat, @homeLon, @district,
       1, 'available', @at, @at)
      ON CONFLICT (id) DO UPDATE SET call_sign = excluded.call_sign, agency = excluded.agency,
        unit_type = excluded.unit_type, capabilities = excluded.capabilities, crew_size = excluded.crew_size,
        home_station = excluded.home_station, home_lat = excluded.home_lat, home_lon = excluded.home_lon,
        district = excluded.district, registered = 1, updated_at = excluded.updated_at`);
    this.history = db.prepare(`INSERT INTO unit_status_history
      (unit_id, at, from_status, to_status, incident_id, actor, reason, source, irregular)
      VALUES (?, ?, NULL, 'available', NULL, ?, 'registered', ?, 0)`);
  }

  exists(id: string): boolean {
    return this.exists1.get(id) !== undefined;
  }

  save(input: UnitInput, actor: Actor, source: 'local' | 'import' = 'local'): Unit {
    return this.ctx.db.transaction((): Unit => {
      const isNew = !this.exists(input.id);
      const at = this.ctx.now();
      this.upsert.run({ ...input, capabilities: JSON.stringify(input.capabilities), at });
      if (isNew) this.history.run(input.id, at, `${actor.operator}@${actor.seat}`, source);
      this.ctx.changes.record('unit', input.id, isNew ? 'insert' : 'update');
      return this.units.get(input.id);
    })();
  }

  /** Home station coordinates, used to place units that have never sent a fix. */
  homeOf(unitId: string): { lat: number; lon: number } | null {
    const r = this.ctx.db.prepare('SELECT home_lat AS lat, home_lon AS lon FROM units WHERE id = ?').get(unitId) as
      { lat: number | null; lon: number | null } | undefined;
    return r && r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null;
  }
}
