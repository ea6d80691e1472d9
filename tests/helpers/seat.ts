import type { SeatRuntime } from '../../src/main/core/exercise/runtime';
import type { ParsedRequestOf } from '../../src/shared/ipc';

/** A request to the seat runtime that must succeed: its value, or a thrown error naming the refusal. */
export function call<C extends Parameters<SeatRuntime['handle']>[0]>(
  rt: SeatRuntime,
  channel: C,
  req: ParsedRequestOf<C>,
) {
  return rt.handle(channel, req).then((r) => {
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  });
}
