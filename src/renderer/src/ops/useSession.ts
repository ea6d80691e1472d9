import { useEffect, useState } from 'react';
import type { Session } from '../../../shared/contracts/console';
import { callOrToast } from '../api';

/** Who is signed in at this seat (role decides which actions are offered). */
export function useSession(): Session | null {
  const [s, setS] = useState<Session | null>(null);
  useEffect(() => {
    void callOrToast('session.current', {}).then(setS);
  }, []);
  return s;
}
