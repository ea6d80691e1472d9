import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { call, toastError } from '../api';

/**
 * "Choose…" beside a folder field: the shell's native folder picker
 * (`shell.pickFolder`). Cancelling keeps what is typed; typing stays possible.
 */
export function ChooseFolder({
  purpose,
  onChosen,
  testId,
}: {
  purpose: 'backups' | 'exports';
  onChosen: (path: string) => void;
  testId: string;
}): ReactElement {
  const { t } = useTranslation();
  const choose = async (): Promise<void> => {
    const r = await call('shell.pickFolder', { purpose });
    if (!r.ok) toastError(r.error);
    else if (r.value.path !== null) onChosen(r.value.path);
  };
  return (
    <button type="button" className="btn" onClick={() => void choose()} data-testid={testId}>
      {t('folder.choose')}
    </button>
  );
}
