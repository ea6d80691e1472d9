import type { MapWarningArea } from '../../../../shared/board-data';

/**
 * The warnings layer of the city map: each active warning's CAP areas drawn as
 * filled outlines in its China warning colour, the headline as the tooltip.
 * Kept apart from map-option.ts so the layer can change without touching the
 * incident and unit layers.
 */

/** China's four warning colours (GB/T 27962), as the warnings ticker shows them. */
export const WARNING_HEX: Record<NonNullable<MapWarningArea['level']>, string> = {
  red: '#e5322d',
  orange: '#f28a1e',
  yellow: '#f5d327',
  blue: '#2f7df6',
};
const UNKNOWN_HEX = '#c8d6e5';
const ORDER = ['blue', 'yellow', 'orange', 'red'];

interface RenderApi {
  value: (dim: number) => number;
  coord: (p: [number, number]) => number[];
}

/** One custom series per warning, more severe ones drawn last (on top); ring index in the data, points from the closure. */
export function warningSeries(areas: readonly MapWarningArea[], scale: number): Record<string, unknown>[] {
  const sorted = [...areas].sort((a, b) => ORDER.indexOf(a.level ?? '') - ORDER.indexOf(b.level ?? ''));
  return sorted.map((w) => {
    const colour = w.level ? WARNING_HEX[w.level] : UNKNOWN_HEX;
    return {
      id: `warning-${w.id}`,
      name: w.headline,
      type: 'custom',
      coordinateSystem: 'geo',
      // Above the district fill, below incident markers and units.
      z: 3,
      tooltip: { formatter: () => escapeHtml(w.headline) },
      renderItem: (_params: unknown, api: RenderApi) => ({
        type: 'polygon',
        shape: { points: w.rings[api.value(0)].map((p) => api.coord(p)) },
        // Translucent fill, solid outline: the districts and markers underneath stay readable.
        style: { fill: withAlpha(colour, 0.2), stroke: colour, lineWidth: 2.5 * scale },
        emphasis: { style: { fill: withAlpha(colour, 0.35) } },
      }),
      data: w.rings.map((_, r) => ({ name: w.headline, value: [r] })),
      silent: false,
      animation: false,
    };
  });
}

function withAlpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Text for an echarts tooltip, which is HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
