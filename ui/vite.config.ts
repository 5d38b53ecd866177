import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves the build at / (docs/ui.md): hashed files under assets/ are cached for a
// year, index.html is revalidated. The Maven build (build.sh) sets the output directory.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.SIGHTLINE_UI_OUT ?? 'target/dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // the server's Content-Security-Policy allows no inline scripts
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 700,
  },
  server: {
    // npm run dev: the API of a server started with ./sightline start
    proxy: { '/api': 'http://localhost:8080', '/auth': 'http://localhost:8080' },
  },
});
