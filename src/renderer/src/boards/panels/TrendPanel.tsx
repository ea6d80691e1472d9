import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { bucketTrend, colourOf } from '../../panels/TrendChart';
import { useSettledChart } from '../../panels/useSettledChart';
import { beijingHour } from '../../time';
import { useBoardData } from '../useBoardData';
import { MAP_FONT } from './map-option';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Incidents per hour by category, last 24 h, as stacked bars: the
 * foundation's bucketing and category colours, drawn at the board's type
 * size so it reads on a wall as well as on a desk. Live via setOption merge.
 */
export function TrendPanel({ wall }: { options: { hours: 24 }; wall: boolean }): ReactElement {
  const { t, i18n } = useTranslation(['board', 'domain', 'common']);
  const { data, at } = useBoardData('board.trend', { hours: 24 }, ['incident'], 60_000, 5000);
  const { host, chart, drawn } = useSettledChart();

  const series = useMemo(() => (data ? bucketTrend(data, at ?? Date.now()) : null), [data, at]);

  useEffect(() => {
    const c = chart.current;
    const el = host.current;
    if (!c || !el || !series) return;
    // Type follows the board's font size: 17 px on a desk, 27 px on one wall display, 54 px across a 3×2 wall.
    const s = Math.max(0.8, parseFloat(getComputedStyle(el).fontSize) / 17) * (wall ? 0.95 : 1);
    drawn.current = series.total;
    el.dataset.total = String(series.total);
    el.dataset.settled = '';
    c.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { fontFamily: MAP_FONT, color: '#dbe5f3', fontSize: 15 * s },
        animationDuration: 300,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: {
          type: 'scroll',
          orient: 'vertical',
          right: 0,
          top: 'middle',
          itemWidth: 16 * s,
          itemHeight: 12 * s,
          itemGap: 6 * s,
          textStyle: { color: '#dbe5f3', fontSize: 15 * s, fontFamily: MAP_FONT },
          pageTextStyle: { color: '#dbe5f3' },
        },
        grid: { left: 44 * s, right: 150 * s, top: 24 * s, bottom: 30 * s },
        xAxis: {
          type: 'category',
          data: series.hours.map((h) => t('common:time.hourAxis', { hour: String(beijingHour(h)).padStart(2, '0') })),
          axisLabel: { color: '#c9d6e8', fontSize: 14 * s, fontFamily: MAP_FONT },
          axisLine: { lineStyle: { color: '#5b6f8c' } },
        },
        yAxis: {
          type: 'value',
          minInterval: 1,
          axisLabel: { color: '#c9d6e8', fontSize: 14 * s },
          splitLine: { lineStyle: { color: '#243349' } },
        },
        series: series.byCategory.map(([cat, counts]) => ({
          id: cat,
          name: t(`domain:category.${cat}`),
          type: 'bar',
          stack: 'all',
          barMaxWidth: 40 * s,
          itemStyle: { color: colourOf(cat) },
          data: counts,
        })),
      },
      { replaceMerge: ['series'] },
    );
  }, [series, t, i18n.language, wall]);

  return (
    <div className="trend-panel-body">
      <div className="chart-host" ref={host} data-testid="board-trend" />
      {series && series.total === 0 && <div className="panel-empty">{t('board:trend.empty')}</div>}
    </div>
  );
}
