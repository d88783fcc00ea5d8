import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves dist/ at / and the APIs beside it; `npm run dev` proxies them to a running gateway.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/openapi'].map((path) => [path, process.env.PLATFORM_GATEWAY ?? 'http://127.0.0.1:5100']),
    ),
  },
});
