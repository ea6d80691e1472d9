import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/console/roles';
import { errorText } from '../api';
import { signIn, useSession } from '../ops/useSession';

/**
 * The top bar's "who is at this seat": name and role, and a button that opens
 * the sign-in dialog. Switching operator is signing in as the next one; the
 * core keeps the last identity until then, so a seat is never anonymous.
 */
export function SessionControl(): ReactElement {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  return (
    <>
      <span className="session" data-testid="session">
        {session ? (
          <>
            <span className="session-name" data-testid="session-name">
              {session.displayName}
            </span>
            <span className={`session-role role-${session.role}`} data-testid="session-role">
              {t(`session.role.${session.role}`)}
            </span>
          </>
        ) : (
          <span>{t('session.none')}</span>
        )}
        <button
          type="button"
          className="btn small session-switch"
          onClick={() => setOpen(true)}
          data-testid="session-switch"
        >
          {t('session.switch')}
        </button>
      </span>
      {open && <SignInDialog initialName={session?.operator ?? ''} onClose={() => setOpen(false)} />}
    </>
  );
}

function SignInDialog({ initialName, onClose }: { initialName: string; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [role, setRole] = useState<Role>('duty_officer');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<{ text: string; detail: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement | null>(null);
  useEffect(() => first.current?.select(), []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!name.trim()) {
      setError({ text: t('session.nameRequired'), detail: '' });
      return;
    }
    setBusy(true);
    const err = await signIn(name.trim(), role, pin || undefined);
    setBusy(false);
    if (err) setError(errorText(err));
    else onClose();
  };

  return (
    <div className="signin-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        className="signin-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="signin-title"
        data-testid="signin-dialog"
        onSubmit={(e) => void submit(e)}
      >
        <h2 id="signin-title">{t('session.title')}</h2>
        <p className="signin-hint">{t('session.hint')}</p>
        <label>
          {t('session.name')}
          <input
            ref={first}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            data-testid="signin-name"
            autoComplete="off"
          />
        </label>
        <fieldset className="signin-roles">
          <legend>{t('session.roleLabel')}</legend>
          {ROLES.map((r) => (
            <label key={r} className={r === role ? 'signin-role active' : 'signin-role'}>
              <input
                type="radio"
                name="role"
                value={r}
                checked={r === role}
                onChange={() => setRole(r)}
                data-testid={`signin-role-${r}`}
              />
              {t(`session.role.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('session.pin')}
          <input
            type="password"
            value={pin}
            maxLength={32}
            onChange={(e) => setPin(e.target.value)}
            data-testid="signin-pin"
            autoComplete="off"
          />
        </label>
        {error && (
          <p className="signin-error" role="alert" data-testid="signin-error">
            {error.text} {error.detail}
          </p>
        )}
        <div className="signin-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('session.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={busy} data-testid="signin-submit">
            {t('session.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
