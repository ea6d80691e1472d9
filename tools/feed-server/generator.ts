import { DISTRICT_CODES, DISTRICTS, type Category } from '../../src/shared/domain';

/**
 * Synthetic Shanghai traffic for the dev server and the benchmark: hotline
 * reports, unit GPS fixes and statuses, IoT alarms and weather warnings, in
 * the protocol's payload shapes.
 */
export interface Generated {
  stream: string;
  type: string;
  payload: Record<string, unknown>;
}

const CATS: Category[] = ['fire', 'traffic', 'waterlogging', 'gas', 'power', 'crowd'];

export class Generator {
  private n = 0;
  constructor(private readonly random: () => number = Math.random) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)];
  }

  private near(): { lat: number; lon: number; district: string } {
    const d = this.pick(DISTRICT_CODES);
    const [lon, lat] = DISTRICTS[d].center;
    return {
      lat: lat + (this.random() - 0.5) * 0.02,
      lon: lon + (this.random() - 0.5) * 0.02,
      district: DISTRICTS[d].zh,
    };
  }

  next(): Generated {
    const i = ++this.n;
    const at = new Date().toISOString();
    const r = this.random();
    if (r < 0.7) {
      const p = this.near();
      return {
        stream: 'avl-fire',
        type: 'unit.position',
        payload: {
          unitId: `FU-${i % 500}`,
          lat: p.lat,
          lon: p.lon,
          speedKmh: Math.round(this.random() * 60),
          heading: Math.round(this.random() * 359),
          at,
        },
      };
    }
    if (r < 0.8) {
      return {
        stream: 'avl-fire',
        type: 'unit.status',
        payload: {
          unitId: `FU-${i % 500}`,
          status: this.pick(['available', 'dispatched', 'en_route', 'on_scene', 'returning'] as const),
          agency: '消防',
          unitType: 'engine',
          at,
        },
      };
    }
    if (r < 0.93) {
      const p = this.near();
      return {
        stream: 'iot-gas',
        type: 'sensor.alarm',
        payload: {
          sensorId: `GS-${i % 2000}`,
          kind: 'gas',
          value: Math.round(this.random() * 140) / 10,
          threshold: 10,
          unit: '%LEL',
          location: { district: p.district, lat: p.lat, lon: p.lon },
        },
      };
    }
    if (r < 0.995) {
      const p = this.near();
      return {
        stream: 'hotline-12345',
        type: 'incident.reported',
        payload: {
          externalRef: `HL-${i}`,
          title: `市民来电 ${i}`,
          category: this.pick(CATS),
          level: this.pick(['III', 'IV'] as const),
          location: { district: p.district, lat: p.lat, lon: p.lon, address: '某路某号' },
          reporter: { channel: '12345' },
          occurredAt: at,
        },
      };
    }
    return {
      stream: 'cma-warnings',
      type: 'warning.issued',
      payload: {
        identifier: `SH-W-${i}`,
        sender: 'smb@shanghai.cma.gov.cn',
        sent: at,
        status: 'Actual',
        msgType: 'Alert',
        info: [
          {
            language: 'zh-CN',
            category: 'Met',
            event: '暴雨',
            urgency: 'Expected',
            severity: 'Moderate',
            certainty: 'Likely',
            headline: '上海市暴雨黄色预警',
            expires: new Date(Date.now() + 6 * 3600_000).toISOString(),
            area: [{ areaDesc: '上海市' }],
          },
        ],
        level: 'yellow',
      },
    };
  }
}
