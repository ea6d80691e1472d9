import type { ReactElement } from 'react';
import { FeedHealthPanel } from '../feeds/FeedHealthPanel';
import { FeedSourcesPanel } from '../feeds/FeedSourcesPanel';
import { OutboxPanel } from '../feeds/OutboxPanel';
import { QuarantinePanel } from '../feeds/QuarantinePanel';
import '../feeds/feeds.css';

/** Feed health, the commands still owed an answer, and the quarantine: is every city system connected and current, and what was refused. */
export function FeedsScreen(): ReactElement {
  return (
    <div className="feeds-screen">
      <FeedHealthPanel />
      <OutboxPanel />
      <QuarantinePanel />
      <FeedSourcesPanel />
    </div>
  );
}
