import { PromChart } from '../metrics/PromChart';
import type { RedSeries } from './redMetrics';

/** One service over time: requests and errors per second by operation, and the latency quantiles of it or of one operation. */
export function RedCharts({ series, operation }: { series: RedSeries; operation?: string }) {
  return (
    <div className="red-charts">
      <section aria-label="Requests per second"><h3>Requests per second, by operation</h3><PromChart series={series.rate} height={180} /></section>
      <section aria-label="Errors per second"><h3>Errors per second, by operation</h3><PromChart series={series.errors} height={180} /></section>
      <section aria-label="Latency"><h3>Latency (ms) of {operation ?? 'all operations'}, p50 / p95 / p99</h3><PromChart series={series.latency} height={180} /></section>
    </div>
  );
}
