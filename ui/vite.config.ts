import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Tauri loads the dev server on a fixed port (devUrl) and embeds ui/dist for release builds.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  // Keep Rust/Tauri output visible when both run in one terminal.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: {
      // The Rust side rebuilds on its own; don't reload the page for its files.
      ignored: ['**/src-tauri/**'],
    },
  },
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // A zone west of UTC: a date parsed as UTC midnight would show as the previous day here.
    env: { TZ: 'America/Los_Angeles' },
  },
});
