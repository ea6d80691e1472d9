import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * CAP 1.x XML → feed protocol `warning.issued` JSON, as a gateway in front of
 * the seat would do it. Entity expansion is OFF (processEntities: false): a
 * DOCTYPE's entities are never resolved, so an XXE document cannot read files
 * or reach the network here; any element we do not know is passed through
 * unchanged, for the seat's validation to judge. XML signatures are the
 * gateway's business and are dropped (the seat cannot check them).
 */
const ARRAYS = new Set([
  'info',
  'area',
  'polygon',
  'circle',
  'geocode',
  'parameter',
  'eventCode',
  'responseType',
  'category',
  'code',
  'resource',
  'alert',
]);
const NUMBERS = new Set(['altitude', 'ceiling']);
const PAIRS = new Set(['parameter', 'eventCode', 'geocode']);

const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => ARRAYS.has(name),
});

export type Converted =
  | { kind: 'alert'; payload: Record<string, unknown> }
  | { kind: 'broken'; payload: Record<string, unknown>; why: string };

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * With entity processing off the parser leaves even XML's five predefined
 * entities and character references alone; decode just those. Anything else
 * (an entity a DOCTYPE declared) stays literal, and the seat rejects it.
 */
function decodeXmlText(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return PREDEFINED[e] ?? m;
  });
}

function clean(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => clean(x, key));
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      // Gateway policy: signatures are checked (or not) upstream, embedded binaries are not forwarded.
      if (k === 'Signature' || k === 'derefUri') continue;
      out[k] = clean(x, k);
    }
    return out;
  }
  if (NUMBERS.has(key) && typeof v === 'string') return Number(v);
  // CAP 1.0 wrote these as "name=value" strings; 1.1 and 1.2 as {valueName, value}.
  if (PAIRS.has(key) && typeof v === 'string' && v.includes('=')) {
    const i = v.indexOf('=');
    return { valueName: v.slice(0, i), value: decodeXmlText(v.slice(i + 1)) };
  }
  return typeof v === 'string' ? decodeXmlText(v) : v;
}

function findAlerts(node: unknown, out: Record<string, unknown>[]): void {
  if (Array.isArray(node)) node.forEach((n) => findAlerts(n, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'alert') for (const a of v as unknown[]) out.push(clean(a) as Record<string, unknown>);
      else findAlerts(v, out);
    }
  }
}

/** Every CAP alert in a document (an EDXL-DE bundle can hold several); a broken document becomes one raw payload. */
export function convertCap(xml: string): Converted[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [{ kind: 'broken', payload: { xml: xml.slice(0, 20_000) }, why: valid.err.msg }];
  let doc: unknown;
  try {
    doc = parser.parse(xml) as unknown;
  } catch (err) {
    return [{ kind: 'broken', payload: { xml: xml.slice(0, 20_000) }, why: (err as Error).message }];
  }
  const alerts: Record<string, unknown>[] = [];
  findAlerts(doc, alerts);
  if (alerts.length === 0)
    return [{ kind: 'broken', payload: { xml: xml.slice(0, 20_000) }, why: 'no CAP alert element' }];
  return alerts.map((payload) => ({ kind: 'alert', payload }));
}
