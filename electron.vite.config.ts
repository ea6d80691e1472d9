import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The shell and the core worker are separate entries: the worker is
        // started by file path with `new Worker(...)`.
        input: {
          index: resolve('src/main/index.ts'),
          'core-worker': resolve('src/main/core/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules or require from node_modules:
      // one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
