import {
  formatScenarioTime,
  SCENARIO_FORMAT,
  scenarioSchema,
  type Inject,
  type Localized,
  type Matcher,
  type Scenario,
} from '../../../../shared/exercise-scenario';
import type { Category, District, Level, ReportChannel } from '../../../../shared/domain';
import { prng, type Prng } from '../prng';

/**
 * A small builder for the built-in scenarios. Narrative injects are written
 * by hand; the repetitive ones (GPS tracks, sensor ramps) come from seeded
 * generators, so a scenario is the same on every machine. Injects are
 * numbered in time order when the scenario is built, and expected actions
 * refer to injects by a key so reordering never breaks them.
 */
export type LonLat = readonly [number, number];

/** An inject before it has a number and a time (Omit distributed over the delivery union). */
type InjectBody = Inject extends infer I ? (I extends unknown ? Omit<I, 'no' | 'at'> : never) : never;
type Pending = { key: string; sec: number; order: number; inject: InjectBody };

export interface Meta {
  id: string;
  version: number;
  title: Localized;
  summary: Localized;
  objectives: { id: string; text: Localized }[];
  participants: string[];
  durationMinutes: number;
}

export const L = (zh: string, en: string): Localized => ({ zh, en });

export const STREAMS = {
  hotline: 'hotline-12345',
  police: 'dispatch-110',
  fire: 'dispatch-119',
  ems: 'dispatch-120',
  avlFire: 'avl-fire',
  avlEms: 'avl-ems',
  avlPolice: 'avl-police',
  avlRescue: 'avl-rescue',
  weather: 'weather-cap',
} as const;

export class ScenarioBuilder {
  private readonly items: Pending[] = [];
  private readonly actions: {
    id: string;
    objective: string;
    description: Localized;
    after: string;
    withinMinutes: number;
    matcher: Matcher;
  }[] = [];
  private order = 0;
  readonly rng: Prng;

  constructor(private readonly meta: Meta) {
    this.rng = prng(`builtin:${meta.id}@${meta.version}`);
  }

  private add(sec: number, inject: InjectBody, key?: string): string {
    const k = key ?? `#${this.order}`;
    this.items.push({ key: k, sec: Math.round(sec), order: this.order++, inject });
    return k;
  }

  feed(
    sec: number,
    title: Localized,
    stream: string,
    type: string,
    payload: Record<string, unknown>,
    extra: { key?: string; notes?: string; objective?: string } = {},
  ): string {
    return this.add(
      sec,
      { delivery: 'feed', title, stream, type, payload, notes: extra.notes, objective: extra.objective },
      extra.key,
    );
  }

  report(
    sec: number,
    stream: string,
    r: {
      ref: string;
      title: Localized;
      category: Category;
      level?: Level;
      district: District;
      street?: string;
      address: string;
      at: LonLat;
      channel: ReportChannel;
      description?: string;
      caller?: string;
    },
    extra: { key?: string; notes?: string } = {},
  ): string {
    return this.feed(
      sec,
      r.title,
      stream,
      'incident.reported',
      {
        externalRef: r.ref,
        title: r.title.zh,
        category: r.category,
        ...(r.level ? { level: r.level } : {}),
        ...(r.description ? { description: r.description } : {}),
        location: {
          district: r.district,
          ...(r.street ? { street: r.street } : {}),
          address: r.address,
          lon: r.at[0],
          lat: r.at[1],
        },
        reporter: { channel: r.channel, ...(r.caller ? { name: r.caller } : {}) },
      },
      extra,
    );
  }

  update(
    sec: number,
    stream: string,
    ref: string,
    title: Localized,
    changes: Record<string, unknown>,
    extra: { key?: string; notes?: string } = {},
  ): string {
    return this.feed(sec, title, stream, 'incident.updated', { externalRef: ref, changes }, extra);
  }

  unitStatus(
    sec: number,
    stream: string,
    u: { unitId: string; status: string; incidentRef?: string; agency: string; unitType: string },
    title: Localized,
  ): string {
    return this.feed(sec, title, stream, 'unit.status', { ...u });
  }

  call(
    sec: number,
    from: string,
    title: Localized,
    payload: {
      channel: ReportChannel;
      script: Localized;
      district?: District;
      address?: string;
      at?: LonLat;
      callerPhone?: string;
    },
    extra: { key?: string; notes?: string } = {},
  ): string {
    const { at, ...rest } = payload;
    return this.add(
      sec,
      {
        delivery: 'call',
        type: 'call',
        from,
        title,
        payload: { ...rest, ...(at ? { lon: at[0], lat: at[1] } : {}) },
        notes: extra.notes,
      },
      extra.key,
    );
  }

  message(
    sec: number,
    from: string,
    title: Localized,
    text: Localized,
    extra: { key?: string; notes?: string; to?: string } = {},
  ): string {
    return this.add(
      sec,
      { delivery: 'message', type: 'message', from, to: extra.to, title, payload: { text }, notes: extra.notes },
      extra.key,
    );
  }

  /** A CAP 1.2 warning from the Shanghai Central Meteorological Observatory, status Exercise. */
  warning(
    sec: number,
    w: {
      id: string;
      event: Localized;
      level: 'blue' | 'yellow' | 'orange' | 'red';
      severity: 'Minor' | 'Moderate' | 'Severe' | 'Extreme';
      areaDesc: string;
      headline: Localized;
      instruction: string;
      msgType?: 'Alert' | 'Update';
      references?: string;
      polygon?: string;
    },
    extra: { key?: string } = {},
  ): string {
    return this.feed(
      sec,
      w.headline,
      STREAMS.weather,
      'warning.issued',
      {
        identifier: w.id,
        sender: 'sh-meteo@weather.sh.cn',
        status: 'Exercise',
        msgType: w.msgType ?? 'Alert',
        ...(w.references ? { references: w.references } : {}),
        level: w.level,
        info: [
          {
            language: 'zh-CN',
            category: 'Met',
            event: w.event.zh,
            urgency: 'Immediate',
            severity: w.severity,
            certainty: 'Likely',
            headline: w.headline.zh,
            description: w.headline.zh,
            instruction: w.instruction,
            area: [{ areaDesc: w.areaDesc, ...(w.polygon ? { polygon: [w.polygon] } : {}) }],
          },
          {
            language: 'en',
            category: 'Met',
            event: w.event.en,
            urgency: 'Immediate',
            severity: w.severity,
            certainty: 'Likely',
            headline: w.headline.en,
            area: [{ areaDesc: w.areaDesc }],
          },
        ],
      },
      extra,
    );
  }

  /** A unit's GPS track from one point to another, with seeded wobble (BeiDou fixes are never on the line). */
  track(
    stream: string,
    unitId: string,
    unitName: string,
    from: LonLat,
    to: LonLat,
    startSec: number,
    everySec: number,
    count: number,
  ): void {
    for (let i = 0; i < count; i++) {
      const f = count === 1 ? 1 : i / (count - 1);
      const lon = from[0] + (to[0] - from[0]) * f + this.rng.range(-0.0006, 0.0006);
      const lat = from[1] + (to[1] - from[1]) * f + this.rng.range(-0.0005, 0.0005);
      const speedKmh = i === count - 1 ? 0 : Math.round(this.rng.range(25, 55));
      const heading = Math.round(((Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI + 360) % 360);
      this.feed(
        startSec + i * everySec,
        L(`${unitName} 位置 ${i + 1}/${count}`, `${unitId} position ${i + 1}/${count}`),
        stream,
        'unit.position',
        {
          unitId,
          lat: round(lat, 6),
          lon: round(lon, 6),
          speedKmh,
          heading,
        },
      );
    }
  }

  /** A sensor's readings climbing from `start` to `peak` (alarm events once past the threshold). */
  ramp(
    stream: string,
    s: {
      sensorId: string;
      kind: string;
      unit: string;
      name: Localized;
      start: number;
      peak: number;
      threshold: number;
      district: District;
      address: string;
      at: LonLat;
    },
    startSec: number,
    everySec: number,
    count: number,
  ): void {
    for (let i = 0; i < count; i++) {
      const f = count === 1 ? 1 : i / (count - 1);
      const value = round(s.start + (s.peak - s.start) * f * this.rng.range(0.93, 1.0), 2);
      this.feed(
        startSec + i * everySec,
        L(`${s.name.zh} 读数 ${value}${s.unit}`, `${s.name.en} reading ${value} ${s.unit}`),
        stream,
        'sensor.alarm',
        {
          sensorId: s.sensorId,
          kind: s.kind,
          value,
          threshold: s.threshold,
          unit: s.unit,
          location: { district: s.district, address: s.address, lon: s.at[0], lat: s.at[1] },
        },
      );
    }
  }

  expect(
    id: string,
    objective: string,
    description: Localized,
    after: string,
    withinMinutes: number,
    matcher: Matcher,
  ): void {
    this.actions.push({ id, objective, description, after, withinMinutes, matcher });
  }

  build(): Scenario {
    const sorted = [...this.items].sort((a, b) => a.sec - b.sec || a.order - b.order);
    const noOf = new Map<string, number>();
    const injects = sorted.map((p, i) => {
      noOf.set(p.key, i + 1);
      return { ...p.inject, no: i + 1, at: formatScenarioTime(p.sec * 1000) } as Inject;
    });
    const expectedActions = this.actions.map((a) => {
      const no = noOf.get(a.after);
      if (no === undefined)
        throw new Error(`${this.meta.id}: expected action ${a.id} refers to unknown inject ${a.after}`);
      return {
        id: a.id,
        objective: a.objective,
        description: a.description,
        afterInject: no,
        withinMinutes: a.withinMinutes,
        matcher: a.matcher,
      };
    });
    // Parse, so a built-in scenario that breaks the format fails at start-up and in tests, not mid-exercise.
    return scenarioSchema.parse({
      format: SCENARIO_FORMAT,
      ...this.meta,
      injects: stripUndefined(injects),
      expectedActions,
    });
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function stripUndefined<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export const min = (m: number, s = 0): number => m * 60 + s;
