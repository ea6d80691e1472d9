/** What the pointer finds on the city map: the incident under it, or the district and its open count. */
import { describe, expect, it } from 'vitest';
import { baseOption, markerSize } from '../../src/renderer/src/boards/panels/map-option';
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
