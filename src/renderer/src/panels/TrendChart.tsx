import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_CODES, type Category } from '../../../shared/domain';
import type { TrendPoint } from '../../../shared/ipc';
import { Freshness } from '../components/Freshness';
import { beijingHour } from '../time';
import { useLiveQuery } from './useLiveQuery';
import { useSettledChart } from './useSettledChart';
import './panels.css';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const HOURS = 24;
const HOUR = 3600_000;

/**
 * One fixed colour per category (in CATEGORY_CODES order), so a category
 * keeps its colour on every board and after every update.
 */
const CATEGORY_PALETTE = [
  '#4ea1ff',
  '#3fd4c0',
  '#7fb3ff',
  '#b78cff',
  '#c9a36b',
  '#ff7a45',
  '#ffd166',
  '#f4a261',
  '#e056fd',
  '#ff9ff3',
  '#48dbfb',
  '#b8e986',
  '#1dd1a1',
  '#a29bfe',
  '#ff6b81',
  '#7bed9f',
  '#eccc68',
  '#ff8f8f',
  '#d4ff5a',
  '#f5f5f5',
  '#ff77aa',
  '#9aa8bb',
];
export const colourOf = (c: Category): string => CATEGORY_PALETTE[CATEGORY_CODES.indexOf(c) % CATEGORY_PALETTE.length];

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

interface Series {
  hours: number[];
  byCategory: [Category, number[]][];
  total: number;
}

/** Bucket the points into the last 24 hourly slots (current hour last), categories in picker order. */
export function bucketTrend(points: readonly TrendPoint[], now: number): Series {
  // The store's clock can run ahead of this window's (an exercise at ×60): end the axis at the newest data if later.
  const last = Math.max(Math.floor(now / HOUR) * HOUR, ...points.map((p) => p.hour));
  const hours = Array.from({ length: HOURS }, (_, i) => last - (HOURS - 1 - i) * HOUR);
  const index = new Map(hours.map((h, i) => [h, i]));
  const counts = new Map<Category, number[]>();
  let total = 0;
  for (const p of points) {
    const i = index.get(p.hour);
    if (i === undefined) continue;
    let arr = counts.get(p.category);
    if (!arr) counts.set(p.category, (arr = new Array<number>(HOURS).fill(0)));
    arr[i] += p.count;
    total += p.count;
  }
  const byCategory = CATEGORY_CODES.filter((c) => counts.has(c)).map((c): [Category, number[]] => [
    c,
    counts.get(c) ?? [],
  ]);
  return { hours, byCategory, total };
}

/** Incidents per hour by category over the last 24 h, as stacked bars. */
export function TrendChart(): ReactElement {
  const { t, i18n } = useTranslation(['board', 'domain', 'common']);
  const { data, at } = useLiveQuery('board.trend', { hours: HOURS }, ['incident']);
  const { host, chart, drawn: drawnTotal } = useSettledChart();

  const series = useMemo(() => (data ? bucketTrend(data, at ?? Date.now()) : null), [data, at]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !series) return;
    drawnTotal.current = series.total;
    if (host.current) host.current.dataset.settled = '';
    // Merge, not re-create: series keep their ids, so echarts animates the
    // change in place; `replaceMerge` drops categories that left the window.
    c.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { fontFamily: FONT, color: '#dbe5f3', fontSize: 16 },
        animationDuration: 300,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontFamily: FONT } },
        // A vertical legend on the right reads from across the room and needs no paging for a day's categories.
        legend: {
          type: 'scroll',
          orient: 'vertical',
          right: 0,
          top: 'middle',
          itemWidth: 18,
          itemHeight: 14,
          itemGap: 8,
          textStyle: { color: '#dbe5f3', fontSize: 17, fontFamily: FONT },
          pageTextStyle: { color: '#dbe5f3' },
          pageIconColor: '#dbe5f3',
        },
        grid: { left: 56, right: 230, top: 40, bottom: 40 },
        xAxis: {
          type: 'category',
          data: series.hours.map((h) => t('common:time.hourAxis', { hour: String(beijingHour(h)).padStart(2, '0') })),
          axisLabel: { color: '#c9d6e8', fontSize: 16, fontFamily: FONT },
          axisLine: { lineStyle: { color: '#5b6f8c' } },
        },
        yAxis: {
          type: 'value',
          minInterval: 1,
          name: t('trend.axisCount'),
          nameTextStyle: { color: '#c9d6e8', fontSize: 15, fontFamily: FONT },
          axisLabel: { color: '#c9d6e8', fontSize: 16 },
          splitLine: { lineStyle: { color: '#243349' } },
        },
        series: series.byCategory.map(([cat, counts]) => ({
          id: cat,
          name: t(`domain:category.${cat}`),
          type: 'bar',
          stack: 'all',
          barMaxWidth: 36,
          itemStyle: { color: colourOf(cat) },
          data: counts,
        })),
      },
      { replaceMerge: ['series'] },
    );
  }, [series, t, i18n.language]);

  return (
    <section className="panel trend-panel" aria-labelledby="trend-title">
      <div className="panel-head">
        <h2 id="trend-title">{t('trend.title')}</h2>
        <Freshness at={at} />
      </div>
      <div className="chart-wrap">
        <div className="chart-host" ref={host} data-testid="trend-chart" data-total={series?.total ?? ''} />
        {series && series.total === 0 && <div className="chart-empty">{t('trend.empty')}</div>}
      </div>
    </section>
  );
}
