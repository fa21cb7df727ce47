// Builds the console into web/dist, which `daifa serve` serves at / (index.html for paths without an extension).
// During development `npm run dev` proxies /api to a running server: DAIFA_URL (default http://127.0.0.1:8080).
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: { '/api': { target: process.env.DAIFA_URL ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Element Plus and ECharts are big; keeping them in their own chunks lets the browser cache them across
    // console releases.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          // A chunk must hold its library's helpers too (tslib for ECharts): split across chunks they would
          // import each other and start in the wrong order.
          if (/node_modules\/(echarts|zrender|tslib|vue-echarts)\//.test(id)) return 'echarts'
          if (/node_modules\/(element-plus|@element-plus)\//.test(id)) return 'element-plus'
          return undefined
        },
      },
    },
  },
})
