import type { ReactElement } from 'react';
import { FeedHealthPanel } from '../feeds/FeedHealthPanel';
import { QuarantinePanel } from '../feeds/QuarantinePanel';
import '../feeds/feeds.css';

/** Feed health over the quarantine: is every city system connected and current, and what did we refuse. */
export function FeedsScreen(): ReactElement {
  return (
    <div className="feeds-screen">
      <FeedHealthPanel />
      <QuarantinePanel />
    </div>
  );
}
