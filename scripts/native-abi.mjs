// Pure helpers of scripts/build-native-electron.mjs, kept apart so
// tests/unit/native-abi.test.ts can check them against the real addon in
// node_modules (typed by native-abi.d.mts).
import { spawnSync } from 'node:child_process';

/**
 * The ABI an addon was compiled for, read from its exported registration
 * symbol `node_register_module_v<ABI>`; undefined when there is none.
 * Throws when `nm` itself cannot run.
 */
export function addonAbi(file) {
  const r = spawnSync('nm', ['-D', '--defined-only', file], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run nm to check the addon's ABI (${r.error.message}); install binutils`);
  const m = /\bnode_register_module_v(\d+)\b/.exec(r.stdout ?? '');
  return m ? m[1] : undefined;
}

/** Did a failed rebuild fail for want of the network (headers, registry)? */
export function looksOffline(log) {
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|network connectivity|fetch failed|proxy/i.test(
    log,
  );
}

/** A previous build is reusable only if everything it was built from is the same. */
export function stampMatches(stamp, wanted) {
  if (!stamp || typeof stamp !== 'object') return false;
  return Object.entries(wanted).every(([k, v]) => stamp[k] === v);
}

/** The environment for the rebuild, without any nodedir (see the trap in build-native-electron.mjs). */
export function rebuildEnv(env) {
  const out = { ...env };
  for (const key of Object.keys(out)) if (key.toLowerCase() === 'npm_config_nodedir') delete out[key];
  // An empty value also overrides ~/.npmrc's nodedir for npm and node-gyp.
  out.npm_config_nodedir = '';
  out.NPM_CONFIG_NODEDIR = '';
  return out;
}
