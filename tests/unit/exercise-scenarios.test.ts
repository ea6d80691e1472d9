import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInScenarios, DEMO_SCENARIO_ID } from '../../src/main/core/exercise/scenarios/index';
import { materialize } from '../../src/main/core/exercise/engine';
import { isoShanghaiMs } from '../../src/main/core/exercise/iso';
import { matcherKinds } from '../../src/main/core/exercise/matchers';
import { validateMessage } from '../../src/main/core/feeds/validate';
import { parseScenarioTime } from '../../src/shared/exercise-scenario';
import { DISTRICTS, SHANGHAI_BBOX, type District } from '../../src/shared/domain';
import { scenarioSchema, type Scenario } from '../../src/shared/exercise-scenario';
import { realdataDir } from '../helpers/realdata';

/** Real district boundaries (test data only, read at run time from ../shared/realdata). */
const GEOJSON = path.join(realdataDir(), 'shanghai-districts/shanghai-districts.datav.geojson');

type Ring = number[][];
interface Feature {
  properties: { name: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function inRing(x: number, y: number, r: Ring): boolean {
  let c = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function inFeature(lon: number, lat: number, f: Feature): boolean {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.some((p) => inRing(lon, lat, p[0]) && !p.slice(1).some((hole) => inRing(lon, lat, hole)));
}

/** Every coordinate an inject carries, with the district it claims (if any). */
function points(s: Scenario): { no: number; lat: number; lon: number; district?: District }[] {
  const out: { no: number; lat: number; lon: number; district?: District }[] = [];
  for (const i of s.injects) {
    const p = i.payload as Record<string, unknown>;
    const loc = (p.location ?? p) as { lat?: number; lon?: number; district?: District };
    if (typeof loc.lat === 'number' && typeof loc.lon === 'number') {
      out.push({ no: i.no, lat: loc.lat, lon: loc.lon, district: loc.district });
    }
  }
  return out;
}

describe('built-in scenarios', () => {
  const all = builtInScenarios();

  it('covers the six risks, with the demonstration scenario among them', () => {
    expect(all.map((s) => s.id)).toEqual([
      'typhoon-waterlogging',
      'hazmat-leak-chemical-park',
      'gas-explosion-old-block',
      'metro-line2-failure',
      'event-crowd-ciie-bund',
      'hotline-12345-outage',
    ]);
    expect(all.some((s) => s.id === DEMO_SCENARIO_ID)).toBe(true);
  });

  for (const s of builtInScenarios()) {
    describe(s.id, () => {
      it('parses as a scenario after a JSON round trip, in both languages', () => {
        const again = scenarioSchema.parse(JSON.parse(JSON.stringify(s)));
        expect(again).toEqual(s);
        expect(s.title.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(s.title.en).toMatch(/[A-Za-z]/);
        for (const i of s.injects) expect(i.title.zh.length).toBeGreaterThan(0);
      });

      it('has at least 30 injects from several streams, including the hotline/110/119/120, sensors and unit GPS', () => {
        expect(s.injects.length).toBeGreaterThanOrEqual(30);
        const streams = new Set(s.injects.flatMap((i) => (i.delivery === 'feed' ? [i.stream] : [])));
        expect(streams.size).toBeGreaterThanOrEqual(4);
        const types = new Set(s.injects.map((i) => i.type));
        expect(types).toContain('incident.reported');
        expect(types).toContain('unit.position');
        expect([...streams].some((x) => /^(hotline-12345|dispatch-1[12]0|dispatch-119)$/.test(x))).toBe(true);
        expect([...streams].some((x) => x.startsWith('iot-'))).toBe(true);
        expect([...streams].some((x) => x.startsWith('avl-'))).toBe(true);
        // Phone calls or messages the officers must handle by hand, too.
        expect(s.injects.some((i) => i.delivery === 'call')).toBe(true);
        expect(s.injects.some((i) => i.delivery === 'message')).toBe(true);
      });

      it('puts every coordinate inside Shanghai, and inside the district it names', () => {
        const features = (JSON.parse(fs.readFileSync(GEOJSON, 'utf8')) as { features: Feature[] }).features;
        const pts = points(s);
        expect(pts.length).toBeGreaterThan(10);
        for (const p of pts) {
          expect(p.lat).toBeGreaterThan(SHANGHAI_BBOX.minLat);
          expect(p.lat).toBeLessThan(SHANGHAI_BBOX.maxLat);
          const hit = features.find((f) => inFeature(p.lon, p.lat, f));
          expect(hit, `inject ${p.no} at ${p.lat},${p.lon} is outside every district`).toBeDefined();
          if (p.district) expect(hit?.properties.name, `inject ${p.no}`).toBe(DISTRICTS[p.district].zh);
        }
      });

      it('sends only envelopes the seat’s own feed validator accepts (nothing would be quarantined)', () => {
        const epoch = Date.UTC(2026, 6, 1, 0, 0, 0);
        s.injects.forEach((inj, i) => {
          const due = epoch + (parseScenarioTime(inj.at) ?? 0);
          const { stream, type, payload } = materialize(inj, due);
          const envelope = { v: 1, stream, seq: i + 1, id: `e${inj.no}`, type, ts: isoShanghaiMs(due), payload };
          const r = validateMessage(envelope);
          expect(r.ok ? 'ok' : `inject ${inj.no}: ${r.reason} ${r.detail}`).toBe('ok');
        });
      });

      it('has expected actions for every objective, each recognisable by a registered matcher', () => {
        expect(s.expectedActions.length).toBeGreaterThanOrEqual(5);
        for (const o of s.objectives) expect(s.expectedActions.some((a) => a.objective === o.id)).toBe(true);
        for (const a of s.expectedActions) expect(matcherKinds()).toContain(a.matcher.kind);
      });
    });
  }

  it('escalates CAP warnings with references to the alert they update', () => {
    const typhoon = all[0];
    const warnings = typhoon.injects.filter((i) => i.type === 'warning.issued');
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    const updates = warnings.filter((w) => (w.payload as { msgType: string }).msgType === 'Update');
    for (const u of updates) {
      const ref = (u.payload as { references: string }).references.split(',')[1];
      expect(warnings.some((w) => (w.payload as { identifier: string }).identifier === ref)).toBe(true);
    }
  });

  it('refuses a scenario whose references are broken, naming the place', () => {
    const s = structuredClone(all[0]);
    s.expectedActions[0].afterInject = 9999;
    s.injects[1].no = s.injects[0].no;
    const r = scenarioSchema.safeParse(s);
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('injects.1.no: inject number 1 is used twice');
    expect(messages).toContain('expectedActions.0.afterInject: inject 9999 does not exist');
  });
});
