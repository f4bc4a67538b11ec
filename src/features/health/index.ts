/** /healthz and /readyz. */
export { healthRoutes, WRITE_PROBE_CACHE_MS, type HealthDeps } from './routes.ts';
