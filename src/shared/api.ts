import type { Channel, EventName, Events, RequestOf, ResponseOf } from './ipc';
import type { Result } from './result';

/** What the preload exposes as `window.api`, and what test bridges must satisfy. */
export interface WatchfloorApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
