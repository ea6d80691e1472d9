import type { ReactElement } from 'react';
import type { PositionFix } from '../../../shared/resources';

const W = 560;
const H = 230;
const PAD = 14;

/**
 * A unit's recent track as a line in a local equirectangular projection
 * (longitude scaled by cos(latitude), so the shape is true at city scale):
 * where it started (hollow), where it is now (filled), older fixes fainter.
 */
export function TrackSketch({ fixes, label }: { fixes: PositionFix[]; label: string }): ReactElement {
  if (fixes.length === 0) return <svg className="track" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} />;
  const k = Math.cos((fixes[0].lat * Math.PI) / 180);
  const xs = fixes.map((f) => f.lon * k);
  const ys = fixes.map((f) => f.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Fit the longer side, keep the aspect ratio; a unit standing still gets a ~50 m window.
  const scale = Math.min((W - 2 * PAD) / Math.max(maxX - minX, 0.0005), (H - 2 * PAD) / Math.max(maxY - minY, 0.0005));
  const ox = (W - (maxX - minX) * scale) / 2;
  const oy = (H - (maxY - minY) * scale) / 2;
  const pts = fixes.map((_, i) => [ox + (xs[i] - minX) * scale, H - (oy + (ys[i] - minY) * scale)] as const);
  const last = pts[pts.length - 1];
  const first = pts[0];
  // Metres per 100 px, for a scale bar an officer can read distances from.
  const metresPer100px = (100 / scale) * 111_320;
  const bar = metresPer100px >= 1000 ? `${(metresPer100px / 1000).toFixed(1)} km` : `${Math.round(metresPer100px)} m`;
  return (
    <svg className="track" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-points={fixes.length}>
      <polyline className="track-line" points={pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')} />
      {pts.map(([x, y], i) => (
        <circle key={i} className="track-dot" cx={x} cy={y} r={2.2} opacity={0.25 + (0.75 * i) / pts.length} />
      ))}
      <circle className="track-start" cx={first[0]} cy={first[1]} r={6} />
      <circle className="track-now" cx={last[0]} cy={last[1]} r={8} />
      <line className="track-scale" x1={W - 116} x2={W - 16} y1={H - 10} y2={H - 10} />
      <text className="track-scale-text" x={W - 66} y={H - 16} textAnchor="middle">
        {bar}
      </text>
    </svg>
  );
}
