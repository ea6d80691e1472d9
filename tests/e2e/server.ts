/**
 * Where vite preview serves the built renderer for e2e. Several engineers
 * share one machine: set WF_E2E_PORT to run beside another suite. The IPC
 * router admits exactly this origin.
 */
export const E2E_PORT = Number(process.env.WF_E2E_PORT ?? 4173);
export const E2E_HOST = `127.0.0.1:${E2E_PORT}`;
export const E2E_BASE_URL = `http://${E2E_HOST}`;
