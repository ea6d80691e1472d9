import type { MapIncident } from '../../../../shared/board-data';
import { LEVELS, type Level } from '../../../../shared/domain';
import { LEVEL_HEX, LEVEL_SYMBOL, markerSize } from './map-option';
import type { Projection } from './marker-pick';

/** Up to this many markers of a level each get a dark rim (stroked one by one). */
const RIMMED_UP_TO = 800;
/** Markers per canvas path when there are thousands (see paintMarkers). */
const PATH_CHUNK = 200;

/**
 * The map's projection as a function: echarts' geo coordinate system for a
 * GeoJSON map is linear in each axis (longitude to x, latitude to y with the
 * aspect scale), so two points it converts give all of it.
 */
export function linearProjection(
  convert: (lonLat: [number, number]) => number[] | undefined,
  a: [number, number],
  b: [number, number],
): Projection | null {
  const pa = convert(a);
  const pb = convert(b);
  if (!pa || !pb || pa.length < 2 || pb.length < 2) return null;
  const sx = (pb[0] - pa[0]) / (b[0] - a[0]);
  const sy = (pb[1] - pa[1]) / (b[1] - a[1]);
  if (!Number.isFinite(sx) || !Number.isFinite(sy)) return null;
  return (lon, lat) => [pa[0] + (lon - a[0]) * sx, pa[1] + (lat - a[1]) * sy];
}

/** The outline of one marker as points around (x, y); the path ends where it starts instead of closing. */
function outline(ctx: CanvasRenderingContext2D, symbol: string, x: number, y: number, r: number): void {
  switch (symbol) {
    case 'diamond':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.lineTo(x, y - r);
      return;
    case 'triangle':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y + r * 0.85);
      ctx.lineTo(x - r, y + r * 0.85);
      ctx.lineTo(x, y - r);
      return;
    case 'rect':
      ctx.moveTo(x - r * 0.8, y - r * 0.8);
      ctx.lineTo(x + r * 0.8, y - r * 0.8);
      ctx.lineTo(x + r * 0.8, y + r * 0.8);
      ctx.lineTo(x - r * 0.8, y + r * 0.8);
      ctx.lineTo(x - r * 0.8, y - r * 0.8);
      return;
    default:
      ctx.moveTo(x + r * 0.85, y);
      ctx.arc(x, y, r * 0.85, 0, Math.PI * 2);
  }
}

/**
 * Paint incident markers, least severe first so level I lies on top, each in
 * its level's colour and shape (so the map reads without colour vision),
 * with a dark rim while there are few. 2,500 markers are one canvas pass of a
 * few milliseconds including raster, so the layer can follow every change
 * within a frame or two — which a chart library's per-draw bookkeeping could
 * not do here. Outlines are not closed (see `outline`): Chromium's
 * closePath() costs time proportional to the path built so far.
 */
export function paintMarkers(
  canvas: HTMLCanvasElement,
  markers: readonly MapIncident[],
  project: Projection,
  scale: number,
): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const byLevel = new Map<Level, MapIncident[]>(LEVELS.map((l) => [l, []]));
  for (const m of markers) byLevel.get(m.level)?.push(m);
  ctx.strokeStyle = '#0b0f14';
  ctx.lineWidth = 1.2 * scale;
  ctx.globalAlpha = 0.92;
  for (const level of [...LEVELS].reverse()) {
    const mine = byLevel.get(level) ?? [];
    ctx.fillStyle = LEVEL_HEX[level];
    const shape = LEVEL_SYMBOL[level];
    if (mine.length <= RIMMED_UP_TO) {
      // Few enough to give each its dark rim: one small path per marker.
      for (const m of mine) {
        const [x, y] = project(m.lon, m.lat);
        ctx.beginPath();
        outline(ctx, shape, x, y, markerSize(level, m.reportCount, scale) / 2);
        ctx.fill();
        ctx.stroke();
      }
      continue;
    }
    // Thousands: fill only, in paths of PATH_CHUNK markers. Stroking one path of 2,500 outlines
    // costs 85 ms of raster here; filling it in paths of 200 about 6 ms.
    for (let k = 0; k < mine.length; k += PATH_CHUNK) {
      ctx.beginPath();
      for (const m of mine.slice(k, k + PATH_CHUNK)) {
        const [x, y] = project(m.lon, m.lat);
        outline(ctx, shape, x, y, markerSize(level, m.reportCount, scale) / 2);
      }
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}
