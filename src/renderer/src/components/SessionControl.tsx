import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/console/roles';
import { errorText as describeError, toastError } from '../api';
import { signIn, signOut, useSession, useSessionKnown } from '../ops/useSession';

/**
 * The top bar's "who is at this seat": name and role, a button that opens
 * the sign-in dialog, and sign-out. Switching operator is signing in as the
 * next one. After a sign-out the seat shows "nobody signed in" and the
 * sign-in dialog opens: reads go on, every action is refused until someone
 * signs in.
 */
export function SessionControl(): ReactElement {
  const { t } = useTranslation();
  const session = useSession();
  const known = useSessionKnown();
  const signedOut = known && session === null;
  const [open, setOpen] = useState(false);
  // Back to the sign-in screen whenever the seat is signed out (here or after a reload).
  useEffect(() => {
    if (signedOut) setOpen(true);
  }, [signedOut]);
  const leave = async (): Promise<void> => {
    const err = await signOut();
    if (err) toastError(err);
  };
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
          <span className={signedOut ? 'session-none warn' : 'session-none'} data-testid="session-none">
            {signedOut ? t('session.none') : ''}
          </span>
        )}
        <button
          type="button"
          className="btn small session-switch"
          onClick={() => setOpen(true)}
          data-testid="session-switch"
        >
          {signedOut ? t('session.signInButton') : t('session.switch')}
        </button>
        {session && (
          <button
            type="button"
            className="btn small session-signout"
            onClick={() => void leave()}
            title={t('session.signOutHint')}
            data-testid="session-signout"
          >
            {t('session.signOut')}
          </button>
        )}
      </span>
      {open && (
        <SignInDialog initialName={session?.operator ?? ''} signedOut={signedOut} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function SignInDialog({
  initialName,
  signedOut,
  onClose,
}: {
  initialName: string;
  signedOut: boolean;
  onClose: () => void;
}): ReactElement {
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
    if (err) setError(describeError(err));
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
        {signedOut && (
          <p className="signin-signed-out" data-testid="signin-signed-out">
            {t('session.signedOutHint')}
          </p>
        )}
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
          <button type="button" className="btn" onClick={onClose} data-testid="signin-cancel">
            {signedOut ? t('session.readOnly') : t('session.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={busy} data-testid="signin-submit">
            {t('session.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
