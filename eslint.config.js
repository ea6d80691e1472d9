import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layering (architecture.md), enforced here so a wrong import fails lint:
 * shared imports only shared; the core never touches Electron; the renderer
 * never touches Electron or Node built-ins.
 */
const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const noElectron = {
  name: 'electron',
  message: 'Only the shell (src/main outside core) and the preload may import electron.',
};
const nodeOnly = [
  ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer runs in a sandbox: no Node built-ins.' })),
  { name: 'better-sqlite3', message: 'The renderer reaches the store only through window.api.' },
  { name: 'socket.io-client', message: 'Feeds live in the core, not the renderer.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'native/',
      'reports/',
      'test-results/',
      'playwright-report/',
      'resources/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        window: 'readonly',
        document: 'readonly',
        performance: 'readonly',
        requestAnimationFrame: 'readonly',
        cancelAnimationFrame: 'readonly',
        localStorage: 'readonly',
        queueMicrotask: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts', 'src/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': [
        'error',
        { allowExpressions: true, allowTypedFunctionExpressions: true, allowHigherOrderFunctions: true },
      ],
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeOnly],
          patterns: [
            { regex: '^node:', message: 'src/shared runs everywhere: no Node built-ins.' },
            {
              regex: '^\\.\\./(main|renderer|preload)/|/(main|renderer|preload)/',
              message: 'src/shared imports only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: '^electron(/|$)', message: 'The core never imports electron.' },
            { regex: '/renderer/|/preload/', message: 'The core imports only src/shared and Node libraries.' },
            {
              regex: '^\\.\\./(\\.\\./)*(ipc|windows|security|displays)(/|$)',
              message: 'The core does not reach into the shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/ipc/router.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ regex: '^electron(/|$)', message: 'The router stays Electron-free so tests drive it.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeOnly],
          patterns: [
            { regex: '^node:', message: 'The renderer runs in a sandbox: no Node built-ins.' },
            { regex: '^electron(/|$)', message: 'The renderer never imports electron.' },
            { regex: '/main/|/preload/', message: 'The renderer imports only src/shared and browser libraries.' },
          ],
        },
      ],
    },
  },
);
