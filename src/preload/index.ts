import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api';

// Sandboxed preload: only `electron` and the zod-free channel list are
// imported, and the whole file is bundled to out/preload/index.cjs.
contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer));
