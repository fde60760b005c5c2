import { defineConfig } from 'vite';

// Forge serves Custom UI from a path it chooses, so every asset URL must be relative.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { fs: { allow: ['../..'] } },
});
