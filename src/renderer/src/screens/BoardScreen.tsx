import type { ReactElement } from 'react';
import { FeedStrip } from '../feeds/FeedStrip';
import { KpiTiles } from '../panels/KpiTiles';
import { TrendChart } from '../panels/TrendChart';

/** The overview board: KPI tiles over the 24-hour trend. Each panel keeps itself current. */
export function BoardScreen(): ReactElement {
  return (
    <div className="board-screen">
      <FeedStrip />
      <KpiTiles />
      <TrendChart />
    </div>
  );
}
