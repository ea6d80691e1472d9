export function addonAbi(file: string): string | undefined;
export function looksOffline(log: string): boolean;
export function stampMatches(stamp: unknown, wanted: Record<string, string>): boolean;
export function rebuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
