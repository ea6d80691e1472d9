import * as echarts from 'echarts/core';
import { useEffect, useRef, type MutableRefObject } from 'react';

/**
 * One echarts instance on a host element for a component's lifetime, resized
 * with its host. `data-settled` on the host holds `drawn` once echarts has
 * finished drawing (animations included): tests and screenshots wait for it.
 */
export function useSettledChart(): {
  host: MutableRefObject<HTMLDivElement | null>;
  chart: MutableRefObject<echarts.ECharts | null>;
  drawn: MutableRefObject<number | null>;
} {
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const drawn = useRef<number | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const c = echarts.init(host.current, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => {
      if (host.current && drawn.current !== null) host.current.dataset.settled = String(drawn.current);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  return { host, chart, drawn };
}
