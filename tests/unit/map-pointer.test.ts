/** What the pointer finds on the city map: the incident under it, or the district and its open count. */
import { describe, expect, it } from 'vitest';
import {
  baseOption,
  hideOverlappingLabels,
  LABEL_POINT,
  labelSizes,
  markerSize,
} from '../../src/renderer/src/boards/panels/map-option';
import { markerAt, type Projection } from '../../src/renderer/src/boards/panels/marker-pick';
import type { MapIncident } from '../../src/shared/board-data';
import { DISTRICT_CODES, type District, type Level } from '../../src/shared/domain';

/** One marker per call, placed in pixels through a projection of 1 px per unit. */
const project: Projection = (lon, lat) => [lon, lat];
const marker = (id: string, x: number, y: number, level: Level, reportCount = 1): MapIncident => ({
  id,
  ref: `INC-${id}`,
  title: `incident ${id}`,
  lon: x,
  lat: y,
  level,
  category: 'fire',
  status: 'reported',
  district: 'huangpu',
  reportCount,
  reportedAt: 0,
});

describe('which marker a pointer is over', () => {
  it('the one painted on top: the most severe level, then the last painted of a level', () => {
    const a = marker('a', 100, 100, 3);
    const b = marker('b', 102, 101, 1);
    const c = marker('c', 101, 99, 3);
    expect(markerAt([a, b, c], project, 1, 101, 100)?.id).toBe('b');
    expect(markerAt([b, a, c], project, 1, 101, 100)?.id).toBe('b');
    expect(markerAt([a, c], project, 1, 101, 100)?.id).toBe('c');
    expect(markerAt([c, a], project, 1, 101, 100)?.id).toBe('a');
  });

  it('reaches as far as the outline plus a little slack, scaled like the markers, and no further', () => {
    const m = marker('m', 200, 200, 4);
    const reach = markerSize(4, 1, 1) / 2 + 4;
    expect(markerAt([m], project, 1, 200 + reach, 200)?.id).toBe('m');
    expect(markerAt([m], project, 1, 200 + reach + 0.5, 200)).toBeNull();
    const wallReach = markerSize(4, 1, 2) / 2 + 4;
    expect(wallReach).toBeGreaterThan(reach);
    expect(markerAt([m], project, 2, 200, 200 - wallReach)?.id).toBe('m');
    // An incident with many reports is drawn larger, so it is picked from further out.
    const big = marker('big', 200, 200, 4, 30);
    expect(markerAt([big], project, 1, 200 + reach + 2, 200)?.id).toBe('big');
    expect(markerAt([], project, 1, 200, 200)).toBeNull();
  });
});

describe('the district tooltip', () => {
  it('names the district and its open incidents (escaped), not an internal series name', () => {
    const counts = Object.fromEntries(DISTRICT_CODES.map((d) => [d, 0])) as Record<District, number>;
    counts.pudong = 122;
    const labels = {
      district: (d: District) => (d === 'pudong' ? '浦东<新区>' : d),
      unitStatus: (s: string) => s,
      count: (n: number) => `${n} 起`,
      openTip: (n: number) => `在办事件 ${n} 起`,
    };
    const option = baseOption(counts, labels, { layers: ['districts', 'incidents'], denseAbove: 250, scale: 1 }, false);
    const districts = (option.series as { id: string; tooltip?: { formatter: (p: object) => string } }[]).find(
      (s) => s.id === 'districts',
    );
    expect(districts?.tooltip?.formatter({ name: '浦东<新区>', value: 122 })).toBe(
      '浦东&#60;新区&#62;<br/>在办事件 122 起',
    );
    expect((option.tooltip as { className: string }).className).toBe('map-tip');
  });
});

describe('district labels', () => {
  const labels = {
    district: (d: District) => ({ yangpu: '杨浦区', hongkou: '虹口区', chongming: '崇明区' })[d as string] ?? d,
    unitStatus: (s: string) => s,
    count: (n: number) => `${n} 起`,
    openTip: (n: number) => `在办事件 ${n} 起`,
  };
  type Counts = {
    id: string;
    label: { formatter: (p: { name: District; value: [number, number, number] }) => string };
    data: { name: District; value: [number, number, number] }[];
  };
  const counts = Object.fromEntries(DISTRICT_CODES.map((d) => [d, 0])) as Record<District, number>;
  counts.yangpu = 146;
  counts.hongkou = 29;
  const countsOf = (layers: string[], hidden?: Set<District>): Counts => {
    const option = baseOption(counts, labels, { layers, denseAbove: 250, scale: 1 }, false, hidden);
    expect((option.geo as { label: { show: boolean } }).label.show).toBe(false);
    return (option.series as Counts[]).find((s) => s.id === 'counts')!;
  };

  it('names every district with its open count, except those whose label would overlap', () => {
    const s = countsOf(['districts', 'incidents']);
    expect(s.data.map((d) => d.name).sort()).toEqual([...DISTRICT_CODES].sort());
    const at = (d: District): [number, number, number] => s.data.find((x) => x.name === d)!.value;
    expect(s.label.formatter({ name: 'yangpu', value: at('yangpu') })).toBe('{name|杨浦区}\n{count|146 起}');
    expect(s.label.formatter({ name: 'chongming', value: at('chongming') })).toBe('{name|崇明区}');
    const some = countsOf(['districts'], new Set<District>(['hongkou', 'putuo']));
    expect(some.data.map((d) => d.name)).not.toContain('hongkou');
    expect(some.data).toHaveLength(DISTRICT_CODES.length - 2);
  });

  it('keeps the busier label where two would overlap, and any label with room', () => {
    const box = (district: District, x: number, y: number, count: number) =>
      ({ district, x, y, width: 60, height: 44, count }) as const;
    const hidden = hideOverlappingLabels([
      box('hongkou', 100, 100, 29),
      box('yangpu', 130, 110, 146), // overlaps Hongkou, busier
      box('putuo', 40, 100, 16), // clear of Yangpu, but overlaps Jing'an, which is busier
      box('chongming', 400, 100, 0), // far away
      box('jingan', 20, 130, 18), // clear of Yangpu (110 px apart)
    ]);
    expect([...hidden].sort()).toEqual(['hongkou', 'putuo']);
    expect(hideOverlappingLabels([box('xuhui', 0, 0, 3), box('changning', 0, 0, 3)])).toEqual(new Set(['xuhui']));
  });

  it('sizes a label by its name, and its count when counts are shown', () => {
    const measure = (text: string) => text.length * 10;
    const withCounts = labelSizes(counts, labels, { layers: ['districts'], denseAbove: 250, scale: 2 }, measure);
    expect(withCounts.yangpu).toEqual({ width: 5 * 10 + 24, height: 88 }); // "146 起" + padding; two lines
    expect(withCounts.chongming).toEqual({ width: 3 * 10 + 12, height: 44 }); // the name + its border
    const names = labelSizes(counts, labels, { layers: ['incidents'], denseAbove: 250, scale: 1 }, measure);
    expect(names.yangpu).toEqual({ width: 3 * 10 + 6, height: 22 });
  });

  it("puts each label in the middle of its district's land, not at its seat", () => {
    // Pudong's seat is by the river in the crowded core; its land reaches the sea to the south-east.
    expect(LABEL_POINT.pudong[0]).toBeGreaterThan(121.65);
    expect(LABEL_POINT.pudong[1]).toBeLessThan(31.15);
    for (const d of DISTRICT_CODES) {
      const [lon, lat] = LABEL_POINT[d];
      // Always within Shanghai's extent.
      expect([d, lon > 120.8 && lon < 122.2 && lat > 30.6 && lat < 31.9]).toEqual([d, true]);
    }
    const s = countsOf(['districts']);
    expect(s.data.find((x) => x.name === 'pudong')!.value.slice(0, 2)).toEqual([...LABEL_POINT.pudong]);
  });

  it('shows names without counts when the districts layer is off', () => {
    const s = countsOf(['incidents']);
    expect(s.label.formatter({ name: 'yangpu', value: s.data.find((x) => x.name === 'yangpu')!.value })).toBe(
      '{name|杨浦区}',
    );
  });
});
