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
