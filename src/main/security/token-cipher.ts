import { safeStorage } from 'electron';
import type { TokenCipher } from '../core/feeds/tokens';

/**
 * Feed tokens at rest: Electron safeStorage (the OS keychain), as base64
 * ciphertext. Without secure storage the cipher says it is not persistent
 * and the core keeps tokens in memory only (the settings say so).
 */
export function safeStorageCipher(): TokenCipher {
  return {
    persistent: safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (cipherText) => safeStorage.decryptString(Buffer.from(cipherText, 'base64')),
  };
}
