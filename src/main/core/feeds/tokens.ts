import { CoreError } from '../../../shared/result';

/**
 * How feed tokens are protected at rest. The core never encrypts by itself:
 * in the app the shell supplies a cipher backed by Electron `safeStorage`;
 * the core stores only the ciphertext it is given.
 */
export interface TokenCipher {
  /** True when `encrypt` output may be written to disk. */
  readonly persistent: boolean;
  encrypt(plain: string): string;
  decrypt(cipherText: string): string;
  /**
   * When present the feeds module decrypts through this instead, without
   * blocking: in the worker the shell's thread holds the key (see host.ts).
   */
  decryptAsync?(cipherText: string): Promise<string>;
}

/**
 * The worker's cipher when the shell has secure storage: the shell encrypts
 * each token before it reaches the core (host.ts), so the core only ever sees
 * ciphertext on the way in, and asks the shell to decrypt on the way out.
 */
export class RemoteCipher implements TokenCipher {
  readonly persistent = true;

  constructor(private readonly ask: (cipherText: string) => Promise<string>) {}

  encrypt(): string {
    // Reaching here means a plain token bypassed the shell's binding.
    throw new CoreError(
      'internal',
      'A token reached the core unencrypted; it was not saved. Give it again in settings.',
    );
  }

  decrypt(): string {
    throw new CoreError('internal', 'Tokens are decrypted by the shell, asynchronously.');
  }

  decryptAsync(cipherText: string): Promise<string> {
    return this.ask(cipherText);
  }
}

/**
 * For tests and the CLI, where no OS keychain exists: it refuses to produce
 * anything for the disk, so tokens stay in this process's memory only.
 */
export class MemoryOnlyCipher implements TokenCipher {
  readonly persistent = false;

  encrypt(): string {
    throw new CoreError(
      'refused',
      'No secure storage is available here: the token is kept in memory only and never written to disk.',
    );
  }

  decrypt(): string {
    throw new CoreError(
      'refused',
      'This store holds an encrypted token that only the desktop app can decrypt; give the token again.',
    );
  }
}
