import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Core } from '../../src/main/core/core';
import { DISTRICTS, OPEN_STATUSES, type Category, type District, type Level } from '../../src/shared/domain';

/**
 * A week of real San Francisco Fire Department calls (DataSF, 3,560 incidents)
 * replayed into the store as Shanghai incidents: SF coordinates are mapped
 * linearly onto central Shanghai and each point takes the district whose
 * outline contains it, so the board sees real density, real clustering and
 * real call mix. The week is shifted to end five minutes ago; the last 24
 * hours stay open, older incidents are closed. Dispatch times become
 * timeline entries, so "median time to dispatch" is real too.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
// CI has shared/ beside the clone; a worktree elsewhere points at it with WF_REALDATA.
const REALDATA = process.env.WF_REALDATA ?? path.resolve(ROOT, '../shared/realdata');
const CSV = path.join(
  REALDATA,
  'emergency-calls/sf-fire-calls-for-service/Fire_Department_Calls_for_Service_2016-12-31_to_2017-01-07.csv',
);
const GEO = path.resolve(ROOT, 'resources/maps/shanghai-districts.json');

const CATEGORY: Record<string, [Category, string]> = {
  'Medical Incident': ['other', '医疗救助'],
  Alarms: ['fire', '火灾报警'],
  'Structure Fire': ['fire', '建筑火灾'],
  'Traffic Collision': ['traffic', '交通事故'],
  'Outside Fire': ['fire', '室外火情'],
  'Vehicle Fire': ['fire', '车辆起火'],
  'Smoke Investigation (Outside)': ['fire', '烟雾排查'],
  'Citizen Assist / Service Call': ['other', '市民求助'],
  'Electrical Hazard': ['power', '电力险情'],
  'Water Rescue': ['waterlogging', '水上救援'],
  'Elevator / Escalator Rescue': ['special_equipment', '电梯困人'],
  'Gas Leak (Natural and LP Gases)': ['gas', '燃气泄漏'],
  'Confined Space / Structure Collapse': ['building', '结构坍塌'],
  'Odor (Strange / Unknown)': ['hazmat', '不明异味'],
  'Industrial Accidents': ['hazmat', '工业事故'],
  'Fuel Spill': ['hazmat', '燃油泄漏'],
  HazMat: ['hazmat', '危化品'],
  Other: ['other', '其他警情'],
};

type Ring = [number, number][];
interface Feature {
  properties: { code: District };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function districtAt(features: Feature[], lon: number, lat: number): District | null {
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    if (polys.some((rings) => inRing(lon, lat, rings[0]))) return f.properties.code;
  }
  return null;
}

/** "12/31/2016 11:57:56 PM" as epoch ms; the zone does not matter, only differences are used. */
function parseSfTime(s: string): number | null {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM)$/.exec(s.trim());
  if (!m) return null;
  let h = Number(m[4]) % 12;
  if (m[7] === 'PM') h += 12;
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), h, Number(m[5]), Number(m[6]));
}

interface Row {
  'Incident Number': string;
  'Call Type': string;
  'Received DtTm': string;
  'Dispatch DtTm': string;
  Priority: string;
  'Number of Alarms': string;
  Location: string;
}

export interface SeededCalls {
  total: number;
  open: number;
  openByLevel: Record<Level, number>;
  openByDistrict: Partial<Record<District, number>>;
  /** Open incidents with coordinates (markers the map can draw). */
  openWithCoords: number;
  /** Of those, levels I–II: what a dense map still draws as markers. */
  openWithCoordsLevel12: number;
}

/** Seed the store through the core's own services in one transaction; returns the counts read back from the store. */
export function seedSfCalls(core: Core, setClock: (at: number | null) => void, now = Date.now()): SeededCalls {
  const features = (JSON.parse(fs.readFileSync(GEO, 'utf8')) as { features: Feature[] }).features;
  const parsed = Papa.parse<Row>(fs.readFileSync(CSV, 'utf8'), { header: true, skipEmptyLines: true });
  const byIncident = new Map<string, Row[]>();
  for (const r of parsed.data) {
    const list = byIncident.get(r['Incident Number']) ?? [];
    list.push(r);
    byIncident.set(r['Incident Number'], list);
  }
  const received = [...byIncident.values()].map((rows) => parseSfTime(rows[0]['Received DtTm']) ?? 0);
  const shift = now - 5 * 60_000 - Math.max(...received);
  const actor = { seat: 'A-01', operator: 'sf-replay' };
  const close = core.store.db.prepare('UPDATE incidents SET status = ? WHERE id = ?');

  core.store.db.transaction(() => {
    for (const [number, rows] of byIncident) {
      const first = rows[0];
      const at = (parseSfTime(first['Received DtTm']) ?? 0) + shift;
      const [category, zh] = CATEGORY[first['Call Type']] ?? ['other', '其他警情'];
      const loc = /\(([-\d.]+), ([-\d.]+)\)/.exec(first.Location);
      let lat: number | undefined;
      let lon: number | undefined;
      let district: District | null = null;
      if (loc) {
        // SF (37.70–37.83 N, 122.52–122.35 W) onto central Shanghai (31.05–31.40 N, 121.28–121.68 E).
        lat = 31.05 + ((Number(loc[1]) - 37.7) / 0.13) * 0.35;
        lon = 121.28 + ((Number(loc[2]) + 122.52) / 0.17) * 0.4;
        district = districtAt(features, lon, lat);
      }
      if (!district) {
        lat = undefined;
        lon = undefined;
        district = 'huangpu';
      }
      const alarms = Math.max(...rows.map((r) => Number(r['Number of Alarms']) || 1));
      const emergency = rows.some((r) => r.Priority === '3' || r.Priority === 'E');
      const level: Level =
        alarms >= 2 ? 1 : first['Call Type'] === 'Structure Fire' && emergency ? 2 : emergency ? 3 : 4;
      setClock(at);
      const inc = core.incidents.createFromReport(
        {
          title: `${zh} · ${DISTRICTS[district].zh} #${number}`,
          category,
          level,
          district,
          channel: category === 'other' ? '120' : '119',
          ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
        },
        actor,
      );
      const dispatch = rows
        .map((r) => parseSfTime(r['Dispatch DtTm']))
        .filter((t): t is number => t !== null)
        .sort((a, b) => a - b)[0];
      if (dispatch !== undefined && dispatch + shift <= now) {
        setClock(dispatch + shift);
        core.incidents.appendTimeline(inc.id, 'dispatched', actor, `${rows.length} unit(s) dispatched`);
      }
      if (now - at > 24 * 3600_000) close.run('closed', inc.id);
      else if (dispatch !== undefined) close.run('responding', inc.id);
    }
  })();
  setClock(null);
  // Nobody was listening while the store filled: move the push cursor past the seed.
  core.flushChanges();

  const db = core.store.db;
  const open = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
  const openByLevel = { 1: 0, 2: 0, 3: 0, 4: 0 } as Record<Level, number>;
  for (const r of db
    .prepare(`SELECT level, count(*) AS n FROM incidents WHERE status IN (${open}) GROUP BY level`)
    .all() as {
    level: Level;
    n: number;
  }[])
    openByLevel[r.level] = r.n;
  const openByDistrict: Partial<Record<District, number>> = {};
  for (const r of db
    .prepare(`SELECT district, count(*) AS n FROM incidents WHERE status IN (${open}) GROUP BY district`)
    .all() as { district: District; n: number }[])
    openByDistrict[r.district] = r.n;
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  return {
    total: count('SELECT count(*) AS n FROM incidents'),
    open: count(`SELECT count(*) AS n FROM incidents WHERE status IN (${open})`),
    openByLevel,
    openByDistrict,
    openWithCoords: count(`SELECT count(*) AS n FROM incidents WHERE status IN (${open}) AND lat IS NOT NULL`),
    openWithCoordsLevel12: count(
      `SELECT count(*) AS n FROM incidents WHERE status IN (${open}) AND lat IS NOT NULL AND level <= 2`,
    ),
  };
}
