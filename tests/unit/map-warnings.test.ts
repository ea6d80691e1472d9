import { describe, expect, it } from 'vitest';
import { WARNING_HEX, warningSeries } from '../../src/renderer/src/boards/panels/map-warnings';
import type { MapWarningArea } from '../../src/shared/board-data';

const ring: [number, number][] = [
  [121.4, 31.2],
  [121.4, 31.3],
  [121.5, 31.3],
  [121.4, 31.2],
];

describe('map warnings layer', () => {
  it('draws one series per warning, the most severe last, in its colour, with the headline as tooltip', () => {
    const areas: MapWarningArea[] = [
      { id: 'r', headline: '红色 <b>预警</b>', level: 'red', rings: [ring] },
      { id: 'b', headline: '蓝色预警', level: 'blue', rings: [ring, ring] },
    ];
    const series = warningSeries(areas, 1);
    expect(series.map((s) => s.id)).toEqual(['warning-b', 'warning-r']);
    expect((series[0].data as unknown[]).length).toBe(2);
    const tooltip = series[1].tooltip as { formatter: () => string };
    // Headlines come from outside: shown as text, never as markup.
    expect(tooltip.formatter()).toBe('红色 &#60;b&#62;预警&#60;/b&#62;');
    const render = series[1].renderItem as (
      p: unknown,
      api: { value: (d: number) => number; coord: (p: [number, number]) => number[] },
    ) => { shape: { points: number[][] }; style: { stroke: string } };
    const shape = render(null, { value: () => 0, coord: ([x, y]) => [x * 10, y * 10] });
    expect(shape.style.stroke).toBe(WARNING_HEX.red);
    expect(shape.shape.points[0]).toEqual([1214, 312]);
  });
});
