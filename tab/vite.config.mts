import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages: the tab, and the consent popup `teams-outlook-login` (msal-browser only, no Fluent UI).
// Relative base: the same build runs at the root of a Static Web App and under the local tab server.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../build/tab'),
    emptyOutDir: true,
    sourcemap: false,
    // Fluent UI + React are one ~500 kB (~140 kB gzipped) vendor part of the first page; the bench checks the budget.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        tab: resolve(import.meta.dirname, 'index.html'),
        login: resolve(import.meta.dirname, 'teams-outlook-login/index.html'),
      },
    },
  },
});
