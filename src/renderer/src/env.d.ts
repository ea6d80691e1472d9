/// <reference types="vite/client" />
import type { WatchfloorApi } from '../../shared/api';

declare global {
  interface Window {
    /** The typed bridge the preload (or the e2e stand-in) installs. */
    api: WatchfloorApi;
  }
}
