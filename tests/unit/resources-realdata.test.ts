import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { median } from '../../src/main/core/resources/kpis';
import { STALE_AFTER_MS, type Agency, type UnitStatus } from '../../src/shared/resources';
import { openTestCore, type TestCore } from '../helpers/resources';
import { realdataDir } from '../helpers/realdata';

let t: TestCore;
afterEach(() => t?.close());

const HOUR = 3600_000;
const MIN = 60_000;

function csvRows(file: string, delimiter = ','): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter }).data;
}

describe('real GPS traces replayed as unit.position events', () => {
  it('UK BODS buses: live position, staleness through real gaps, and the retained track', () => {
    // Liverpool route 14: 1,533 fixes. The file groups them by trip, not by time,
    // and holds 8 vehicles (SOURCE.txt says one); replay in time order as a feed would.
    const rows = csvRows(path.join(realdataDir(), 'gps-trajectories/uk-bods-liverpool-bus/route14_outbound.csv'));
    expect(rows).toHaveLength(1533);
    const fixes = rows
      .map((r, i) => ({
        i,
        unitId: `BUS-${r.vehicle_id}`,
        at: Date.parse(`${r.timestamp.replace(' ', 'T')}Z`),
        lat: Number(r.latitude),
        lon: Number(r.longitude),
        heading: r.bearing === '' ? undefined : Number(r.bearing),
      }))
      .sort((a, b) => a.at - b.at || a.i - b.i);
    t = openTestCore(fixes[0].at);
    const units = t.core.resources.units;
    const lastFix = new Map<string, number>();
    let staleSeen = 0;
    let freshSeen = 0;
    t.core.ctx.db.transaction(() => {
      for (const f of fixes) {
        t.clock.t = f.at;
        const prev = lastFix.get(f.unitId);
        if (prev !== undefined && f.at > prev) {
          // Independent of the service: a unit is stale when its last fix is older than the threshold.
          const expected = f.at - prev > STALE_AFTER_MS;
          expect(units.get(f.unitId).stale).toBe(expected);
          if (expected) staleSeen++;
          else freshSeen++;
        }
        units.applyPosition(f.unitId, f.lat, f.lon, f.at, undefined, f.heading);
        if (prev === undefined || f.at > prev) lastFix.set(f.unitId, f.at);
      }
    })();
    expect(staleSeen).toBeGreaterThan(0); // the real trace has gaps longer than two minutes
    expect(freshSeen).toBeGreaterThan(1000);
    const end = t.clock.t;
    expect(
      units
        .list()
        .map((u) => u.id)
        .sort(),
    ).toEqual([...new Set(fixes.map((f) => f.unitId))].sort());
    for (const [unitId, at] of lastFix) {
      const first = fixes.find((f) => f.unitId === unitId && f.at === at);
      const u = units.get(unitId);
      expect(u).toMatchObject({ fixAt: at, lat: first?.lat, lon: first?.lon, registered: false });
      // Unique (unit, time) fixes within the last hour: all kept, in order.
      const unique = new Map<number, { lat: number; lon: number }>();
      for (const f of fixes) if (f.unitId === unitId && !unique.has(f.at)) unique.set(f.at, { lat: f.lat, lon: f.lon });
      const recent = [...unique.entries()].filter(([a]) => a >= end - HOUR).sort((a, b) => a[0] - b[0]);
      const track = units.track(unitId, end - HOUR, end);
      expect(track.map((p) => [p.at, p.lat, p.lon])).toEqual(recent.map(([a, p]) => [a, p.lat, p.lon]));
      // Older than an hour: thinned, but every minute that had a fix still has one, and only real fixes remain.
      const older = units.track(unitId, 0, end - HOUR - 1);
      const minutes = (ats: number[]): number[] => [...new Set(ats.map((a) => Math.floor(a / MIN)))].sort();
      const olderReal = [...unique.keys()].filter((a) => a < end - HOUR);
      expect(minutes(older.map((p) => p.at))).toEqual(minutes(olderReal));
      for (const p of older) expect(unique.get(p.at)).toEqual({ lat: p.lat, lon: p.lon });
    }
    // The whole picture goes stale once the feed stops.
    t.clock.t = end + STALE_AFTER_MS + 1;
    expect(units.list().every((u) => u.stale)).toBe(true);
  });

  it('GeoLife Beijing: a 33-minute trajectory is kept whole and in order', () => {
    const rows = csvRows(path.join(realdataDir(), 'gps-trajectories/geolife-small/geolife_small.csv'), ';');
    const traj = rows
      .filter((r) => r.trajectory_id === '1')
      .map((r) => ({ at: Date.parse(r.t.replace(' ', 'T').replace('+00', 'Z')), lat: Number(r.Y), lon: Number(r.X) }));
    expect(traj).toHaveLength(466);
    t = openTestCore(traj[0].at);
    t.core.ctx.db.transaction(() => {
      for (const f of traj) {
        t.clock.t = f.at;
        t.core.resources.units.applyPosition('GL-1', f.lat, f.lon, f.at);
      }
    })();
    const track = t.core.resources.units.track('GL-1', traj[0].at, traj[traj.length - 1].at);
    expect(track.map((p) => [p.at, p.lat, p.lon])).toEqual(traj.map((f) => [f.at, f.lat, f.lon]));
    expect(t.core.resources.units.get('GL-1').stale).toBe(false);
  });
});

/** "12/31/2016 11:57:56 PM" (San Francisco, PST = UTC−8 in this week) → epoch ms. */
function sfTime(s: string): number {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM)$/.exec(s);
  if (!m) throw new Error(`bad time ${s}`);
  const h = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), h + 8, Number(m[5]), Number(m[6]));
}

function agencyOf(unitType: string): Agency {
  if (unitType === 'MEDIC' || unitType === 'PRIVATE') return 'medical';
  if (unitType.startsWith('RESCUE')) return 'rescue';
  return 'fire';
}

describe('SF Fire Department dispatch log replayed as unit.status events', () => {
  it('builds each unit history and the time-to-dispatch figures the CSV gives independently', () => {
    const dir = path.join(realdataDir(), 'emergency-calls/sf-fire-calls-for-service');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.csv')) as string;
    const rows = csvRows(path.join(dir, file));
    expect(rows).toHaveLength(7704);

    // Independent figures straight from the CSV: per call, received → first unit dispatched.
    const perCall = new Map<string, { received: number; firstDispatch: number; title: string }>();
    for (const r of rows) {
      const c = perCall.get(r['Call Number']);
      const d = sfTime(r['Dispatch DtTm']);
      if (!c)
        perCall.set(r['Call Number'], {
          received: sfTime(r['Received DtTm']),
          firstDispatch: d,
          title: r['Call Type'],
        });
      else c.firstDispatch = Math.min(c.firstDispatch, d);
    }
    const csvSeconds = [...perCall.values()].map((c) => (c.firstDispatch - c.received) / 1000).sort((a, b) => a - b);
    const csvMedian = median(csvSeconds) as number;
    expect(perCall.size).toBe(3560);

    // The feed: a new call at its received time, then each unit's dispatched / en route / on scene / available.
    type Ev =
      | { at: number; order: number; kind: 'call'; call: string; title: string }
      | {
          at: number;
          order: number;
          kind: 'status';
          call: string;
          unitId: string;
          unitType: string;
          status: UnitStatus;
        };
    const events: Ev[] = [];
    for (const [call, c] of perCall) {
      events.push({ at: c.received, order: 0, kind: 'call', call, title: c.title });
    }
    const steps: [string, UnitStatus][] = [
      ['Dispatch DtTm', 'dispatched'],
      ['Response DtTm', 'en_route'],
      ['On Scene DtTm', 'on_scene'],
      ['Available DtTm', 'available'],
    ];
    for (const r of rows) {
      steps.forEach(([col, status], k) => {
        if (r[col] === '') return;
        events.push({
          at: sfTime(r[col]),
          order: k + 1,
          kind: 'status',
          call: r['Call Number'],
          unitId: r['Unit ID'],
          unitType: r['Unit Type'],
          status,
        });
      });
    }
    events.sort((a, b) => a.at - b.at || a.order - b.order);
    const statusEvents = events.filter((e) => e.kind === 'status');

    t = openTestCore(events[0].at);
    const { core } = t;
    const incidentOf = new Map<string, string>();
    core.ctx.db.transaction(() => {
      for (const e of events) {
        t.clock.t = e.at;
        if (e.kind === 'call') {
          const inc = core.incidents.createFromReport(
            { title: e.title, category: 'fire', level: 4, district: 'huangpu', channel: '119' },
            core.ctx.actor,
          );
          // What the feeds module records for a report from a source system: its external reference.
          core.ctx.db
            .prepare(
              `INSERT INTO reports (id, incident_id, source, external_ref, channel, received_at, body)
               VALUES (?, ?, 'feed:sf-cad', ?, '119', ?, '{}')`,
            )
            .run(`r-${e.call}`, inc.id, `SF-${e.call}`, e.at);
          incidentOf.set(e.call, inc.id);
        } else {
          core.resources.units.applyStatus(e.unitId, e.status, {
            actor: 'feed:sf-cad',
            at: e.at,
            incidentRef: e.status === 'available' ? undefined : `SF-${e.call}`,
            agency: agencyOf(e.unitType),
            unitType: e.unitType,
          });
        }
      }
    })();

    // Time to dispatch, from the store, equals the CSV's own figure.
    const times = core.resources.kpis.dispatchTimes(events[0].at, events[events.length - 1].at + 1);
    expect(times.count).toBe(3560);
    console.info(
      `SF replay: ${statusEvents.length} status events; median time to dispatch ${times.medianSec} s (CSV: ${csvMedian} s), p90 ${times.p90Sec} s`,
    );
    expect(times.seconds).toEqual(csvSeconds);
    expect(times.medianSec).toBe(csvMedian);
    expect(times.meanSec).toBeCloseTo(csvSeconds.reduce((s, x) => s + x, 0) / csvSeconds.length, 6);

    // Every status event is in some unit's history, linked to its call's incident.
    const total = core.ctx.db.prepare('SELECT count(*) AS n FROM unit_status_history').get() as { n: number };
    expect(total.n).toBe(statusEvents.length);
    const byUnit = new Map<string, Record<string, string>[]>();
    for (const r of rows) byUnit.set(r['Unit ID'], [...(byUnit.get(r['Unit ID']) ?? []), r]);
    const busiest = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    const [unitId, unitRows] = busiest;
    const history = core.resources.units.history(unitId, 10_000);
    const dispatched = history.filter((h) => h.toStatus === 'dispatched');
    expect(dispatched.map((h) => h.at).sort()).toEqual(unitRows.map((r) => sfTime(r['Dispatch DtTm'])).sort());
    expect(new Set(dispatched.map((h) => h.incidentId))).toEqual(
      new Set(unitRows.map((r) => incidentOf.get(r['Call Number']))),
    );
    expect(history.every((h) => h.source === 'feed' && h.actor === 'feed:sf-cad')).toBe(true);
    // History is in time order and on-scene follows dispatch for each of its calls.
    expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort((a, b) => a - b));

    // Each unit ends in the status of its latest event.
    const last = new Map<string, UnitStatus>();
    for (const e of statusEvents) if (e.kind === 'status') last.set(e.unitId, e.status);
    expect(core.resources.units.list()).toHaveLength(last.size);
    for (const u of core.resources.units.list()) expect(u.status).toBe(last.get(u.id));
    expect(core.resources.units.get('E39')).toMatchObject({ agency: 'fire', unitType: 'ENGINE', registered: false });

    // The real log has moves the local rules would not allow (a unit re-dispatched while on scene):
    // recorded, and flagged for an officer rather than refused.
    const irregular = core.ctx.db
      .prepare('SELECT count(*) AS n FROM unit_status_history WHERE irregular = 1')
      .get() as {
      n: number;
    };
    expect(irregular.n).toBeGreaterThan(0);
    expect(irregular.n).toBeLessThan(statusEvents.length / 10);
  });
});
