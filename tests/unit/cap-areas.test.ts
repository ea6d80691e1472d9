import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { capAreasToRings, capCircleToRing, capPolygonToRing, storedAreasToRings } from '../../src/shared/cap-areas';
import { haversineMetres } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('CAP areas → map rings', () => {
  it('turns a CAP polygon ("lat,lon" pairs) into a closed [lon, lat] ring', () => {
    expect(capPolygonToRing('31.20,121.40 31.30,121.40 31.30,121.55 31.20,121.40')).toEqual([
      [121.4, 31.2],
      [121.4, 31.3],
      [121.55, 31.3],
      [121.4, 31.2],
    ]);
    // An unclosed polygon is closed rather than dropped.
    const open = capPolygonToRing('31.2,121.4  31.3,121.4\n31.3,121.5');
    expect(open).toHaveLength(4);
    expect(open?.[3]).toEqual([121.4, 31.2]);
  });

  it('skips invalid polygons', () => {
    expect(capPolygonToRing('')).toBeNull();
    expect(capPolygonToRing('31.2,121.4 31.3,121.4 31.2,121.4')).toBeNull(); // two distinct points
    expect(capPolygonToRing('31.2,121.4 31.3,abc 31.3,121.5 31.2,121.4')).toBeNull();
    expect(capPolygonToRing('121.4,31.2 121.4,31.3 121.5,31.3 121.4,31.2')).toBeNull(); // lon,lat swapped: lat > 90
    expect(capPolygonToRing('31.2;121.4 31.3;121.4 31.3;121.5')).toBeNull();
  });

  it('turns a CAP circle ("lat,lon radius_km") into a ring of points that far from the centre', () => {
    const ring = capCircleToRing('31.23,121.47 10');
    expect(ring).not.toBeNull();
    const r = ring ?? [];
    expect(r[0]).toEqual(r[r.length - 1]);
    expect(r.length).toBeGreaterThan(16);
    for (const [lon, lat] of r) expect(haversineMetres(31.23, 121.47, lat, lon) / 1000).toBeCloseTo(10, 1);
    // North of the centre first (bearing 0): latitude grows, longitude stays.
    expect(r[0][1]).toBeGreaterThan(31.23);
    expect(r[0][0]).toBeCloseTo(121.47, 6);
  });

  it('skips invalid circles', () => {
    for (const bad of [
      '31.23,121.47',
      '31.23,121.47 0',
      '31.23,121.47 -3',
      '31.23,121.47 km',
      '91,121 5',
      'x,y 5',
      '',
    ]) {
      expect(capCircleToRing(bad), bad).toBeNull();
    }
  });

  it('collects the drawable rings of every area and ignores the rest', () => {
    const rings = capAreasToRings([
      { areaDesc: '浦东新区', polygon: ['31.2,121.5 31.3,121.5 31.3,121.6 31.2,121.5', 'bad'] },
      { areaDesc: '徐汇区', circle: ['31.18,121.43 5', '31.18,121.43 0'] },
      { areaDesc: '全市' },
      null,
      'text',
    ]);
    expect(rings).toHaveLength(2);
    expect(capAreasToRings({ polygon: [] })).toEqual([]);
    expect(storedAreasToRings('{not json')).toEqual([]);
    expect(storedAreasToRings(null)).toEqual([]);
  });
});

describe('board.map warning areas', () => {
  it('carries active warnings with drawable areas, not inactive or area-less ones', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);
    const core = new Core({
      dbFile: path.join(t.dir, 'live.db'),
      seat: 's',
      operator: 'o',
      mode: 'live',
      version: 't',
      now: () => T0,
    });
    cleanups.unshift(() => core.close());
    const w = core.store.db
      .prepare(`INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, state, event,
      category, urgency, severity, certainty, headline, level, expires, area_desc, area, body, stream, received_at, updated_at)
      VALUES (?, ?, 's', 0, 'Actual', 'Alert', ?, 'e', 'Met', 'Expected', 'Severe', 'Likely', ?, ?, NULL, 'a', ?, '{}', 'cap', 0, 0)`);
    const poly = JSON.stringify([{ areaDesc: '浦东', polygon: ['31.2,121.5 31.3,121.5 31.3,121.6 31.2,121.5'] }]);
    const circle = JSON.stringify([{ areaDesc: '徐汇', circle: ['31.18,121.43 5'] }]);
    w.run('w1', 'i1', 'active', '暴雨橙色预警', 'orange', poly);
    w.run('w2', 'i2', 'active', '大风黄色预警', 'yellow', circle);
    w.run('w3', 'i3', 'superseded', '旧预警', 'red', poly);
    w.run('w4', 'i4', 'active', '全市高温', 'blue', JSON.stringify([{ areaDesc: '全市' }]));
    const areas = value(core.handle('board.map', { maxIncidents: 10 })).warningAreas ?? [];
    expect(areas.map((a) => [a.headline, a.level, a.rings.length]).sort()).toEqual([
      ['大风黄色预警', 'yellow', 1],
      ['暴雨橙色预警', 'orange', 1],
    ]);
  });
});
