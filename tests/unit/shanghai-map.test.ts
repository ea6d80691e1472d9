import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTRICTS, DISTRICT_CODES, SHANGHAI_BBOX } from '../../src/shared/domain';

const file = path.resolve(__dirname, '../../resources/maps/shanghai-districts.json');

type Ring = [number, number][];
interface Feature {
  type: 'Feature';
  properties: { name: string; code: string; adcode: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function inRing([x, y]: readonly [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(f: Feature, p: readonly [number, number]): boolean {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((hole) => inRing(p, hole)));
}

describe('Shanghai district map (resources/maps/shanghai-districts.json)', () => {
  const geo = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    type: string;
    features: Feature[];
    UTF8Encoding?: boolean;
  };

  it('is plain GeoJSON with all 16 districts, named as our domain names them', () => {
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.UTF8Encoding).toBeUndefined();
    expect(geo.features).toHaveLength(16);
    expect(geo.features.map((f) => f.properties.code).sort()).toEqual([...DISTRICT_CODES].sort());
    for (const f of geo.features) {
      expect(f.properties.name).toBe(DISTRICTS[f.properties.code as keyof typeof DISTRICTS].zh);
      expect(f.properties.adcode).toMatch(/^3101\d\d$/);
    }
  });

  it('has decoded coordinates inside the Shanghai bounding box, each district containing its own centre', () => {
    for (const f of geo.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polys.flat()) {
        expect(ring.length).toBeGreaterThan(3);
        for (const [lon, lat] of ring) {
          expect(lon).toBeGreaterThan(SHANGHAI_BBOX.minLon);
          expect(lon).toBeLessThan(SHANGHAI_BBOX.maxLon);
          expect(lat).toBeGreaterThan(SHANGHAI_BBOX.minLat);
          expect(lat).toBeLessThan(SHANGHAI_BBOX.maxLat);
        }
      }
    }
    // The domain's district centres fall in their own district and in no other
    // (a wrong decode or a swapped name would break this).
    for (const code of DISTRICT_CODES) {
      const holders = geo.features.filter((f) => contains(f, DISTRICTS[code].center)).map((f) => f.properties.code);
      expect(holders, code).toEqual([code]);
    }
  });
});
