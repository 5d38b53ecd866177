package dev.sightline.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code LoadGenerator --target=grpc|http|zipkin|none --signal=traces|logs|metrics --rate=N
 * --duration=30s --concurrency=8 --batch=500 --total=N}: sends realistic traffic and reports items
 * sent, accepted and refused, the achieved rate and request latency percentiles, ending with a
 * machine-readable {@code RESULT {...}} line.
 */
public final class LoadGenerator {
  private final LoadOptions options;
  private final RequestPool pool;
  private final AtomicLong requests = new AtomicLong();
  private final LongAdder sent = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  private final AtomicLong nextSlot = new AtomicLong();

  private LoadGenerator(LoadOptions options) {
    this.options = options;
    this.pool = RequestPool.create(options, 64);
  }

  public static void main(String[] args) throws InterruptedException {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load generator: " + e.getMessage());
      System.exit(2);
      return;
    }
    new LoadGenerator(options).run();
    System.exit(0);
  }

  private void run() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + options.duration().toNanos();
    long itemsPerBody = pool.body(0).items();
    long intervalNanos = options.rate() == 0 ? 0 : (long) (1e9 * itemsPerBody / options.rate());
    nextSlot.set(start);
    LatencyRecorder[] latencies = new LatencyRecorder[options.concurrency()];
    Thread[] workers = new Thread[options.concurrency()];
    for (int w = 0; w < workers.length; w++) {
      latencies[w] = new LatencyRecorder();
      LatencyRecorder recorder = latencies[w];
      workers[w] = new Thread(() -> work(deadline, intervalNanos, recorder), "load-" + w);
      workers[w].start();
    }
    long lastReport = start;
    while (anyAlive(workers)) {
      Thread.sleep(200);
      if (System.nanoTime() - lastReport > 5_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf("%5.1f s: sent %d, accepted %d, refused %d, failed %d%n", (lastReport - start) / 1e9,
            sent.sum(), accepted.sum(), refused.sum(), failed.sum());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] p = LatencyRecorder.percentiles(latencies);
    System.out.printf("%s %s to %s: %d requests in %.1f s; items sent %d, accepted %d (%.0f/s), refused %d, failed %d; "
        + "%.1f MB sent; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
        options.signal(), options.target(), options.endpoint(), requests.get(), seconds, sent.sum(), accepted.sum(),
        accepted.sum() / seconds, refused.sum(), failed.sum(), bytes.sum() / 1e6, p[0], p[1], p[2], p[3], statuses);
    System.out.printf("RESULT {\"target\":\"%s\",\"signal\":\"%s\",\"seconds\":%.2f,\"sent\":%d,\"accepted\":%d,"
        + "\"acceptedPerSecond\":%.0f,\"refused\":%d,\"failed\":%d,\"p50Ms\":%.2f,\"p90Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f}%n",
        options.target(), options.signal(), seconds, sent.sum(), accepted.sum(), accepted.sum() / seconds,
        refused.sum(), failed.sum(), p[0], p[1], p[2], p[3]);
  }

  private void work(long deadline, long intervalNanos, LatencyRecorder latencies) {
    Transport transport = options.target().equals("none") ? null : new Transport(options);
    while (System.nanoTime() < deadline && (options.total() == 0 || sent.sum() < options.total())) {
      if (intervalNanos > 0) {
        long slot = nextSlot.getAndAdd(intervalNanos);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      long n = requests.incrementAndGet();
      int index = (int) (n % pool.size());
      byte[] body = pool.unique(index, n);
      int items = pool.body(index).items();
      sent.add(items);
      bytes.add(body.length);
      if (transport == null) {
        accepted.add(items);
        continue;
      }
      long t0 = System.nanoTime();
      try {
        Transport.Result r = transport.send(body);
        latencies.record(System.nanoTime() - t0);
        statuses.computeIfAbsent(r.status(), s -> new LongAdder()).increment();
        if (r.accepted()) {
          accepted.add(items);
        } else if (r.refused()) {
          refused.add(items);
          LockSupport.parkNanos(Math.min(5, Math.max(1, r.retryAfterSeconds())) * 1_000_000_000L);
        } else {
          failed.add(items);
        }
      } catch (RuntimeException e) {
        failed.add(items);
        statuses.computeIfAbsent(e.getClass().getSimpleName(), s -> new LongAdder()).increment();
      }
    }
  }

  private static boolean anyAlive(Thread[] threads) {
    for (Thread t : threads) {
      if (t.isAlive()) {
        return true;
      }
    }
    return false;
  }
}
