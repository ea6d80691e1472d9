import type { TFunction } from 'i18next';
import type { FeedHealth } from '../../../shared/contracts/feeds';

/** socket.io's disconnect and connect-error reasons that have words of their own on screen. */
const KNOWN_REASONS = new Set([
  'transport close',
  'transport error',
  'ping timeout',
  'io server disconnect',
  'parse error',
  'timeout',
  'websocket error',
  'xhr poll error',
]);

/**
 * The feed's last error in the operator's language (`feeds:error.*`), from
 * its kind and reason; the core's own words when the kind is unknown (an
 * older core). The raw detail stays available as a title for engineers.
 */
export function feedErrorText(
  h: Pick<FeedHealth, 'lastError' | 'lastErrorKind' | 'lastErrorReason'>,
  t: TFunction,
): string | null {
  if (!h.lastErrorKind) return h.lastError;
  const reason = h.lastErrorReason ?? '';
  switch (h.lastErrorKind) {
    case 'mode_mismatch':
      return t('error.modeMismatch', {
        mode: t(`mode.${reason}`, { defaultValue: reason }),
      });
    case 'unauthorized':
      return t('error.unauthorized');
    case 'connect_error':
    case 'disconnected':
      return t(`error.${h.lastErrorKind === 'disconnected' ? 'disconnected' : 'connectError'}`, {
        reason: KNOWN_REASONS.has(reason) ? t(`error.reason.${reason.replace(/ /g, '_')}`) : reason,
      });
  }
}
