package dev.sightline.storage.duckdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {
  private static final long STALE = 0x7ff0000000000002L;
  private static final long T = 1_767_225_600_000L;

  private static void assertRoundTrip(long[] ts, double[] vs) {
    byte[] bytes = ChunkCodec.encode(ts, vs, ts.length);
    ChunkSamples back = ChunkCodec.decode(bytes);
    assertThat(back.size()).isEqualTo(ts.length);
    assertThat(back.timestamps()).containsExactly(ts);
    for (int i = 0; i < vs.length; i++) {
      assertThat(Double.doubleToRawLongBits(back.values()[i])).as("value %d: %s", i, vs[i])
          .isEqualTo(Double.doubleToRawLongBits(vs[i]));
    }
  }

  private static long[] steady(int n) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = T + 15_000L * i;
    }
    return ts;
  }

  @Test
  void emptyAndSingle() {
    assertRoundTrip(new long[0], new double[0]);
    assertRoundTrip(new long[] {T}, new double[] {1.5});
    assertRoundTrip(new long[] {-5}, new double[] {Double.longBitsToDouble(STALE)});
  }

  @Test
  void edgeValuesRoundTripBitExactly() {
    double[] edges = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(STALE), Double.longBitsToDouble(0x7ff8000000000123L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 0.2, 0.30000000000000004, 1e15, 1e16, 123456789012345.6, 1e22, 1e23,
        9007199254740993.0, -1, Long.MAX_VALUE, 1e-300, 3.14159};
    assertRoundTrip(steady(edges.length), edges);
    for (double e : edges) {
      assertRoundTrip(steady(3), new double[] {1, e, 2});
      assertRoundTrip(steady(40), java.util.stream.IntStream.range(0, 40).mapToDouble(i -> i == 20 ? e : i * 0.5).toArray());
    }
  }

  @Test
  void extremeTimestamps() {
    assertRoundTrip(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}, new double[] {1, 2, 3, 4, 5});
    assertRoundTrip(new long[] {0, Long.MAX_VALUE}, new double[] {1, 2});
  }

  @Test
  void randomValuesAndIntervals() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(1200);
      long[] ts = new long[n];
      double[] vs = new double[n];
      long t = random.nextLong() >> 20;
      int kind = round % 5;
      for (int i = 0; i < n; i++) {
        t += 1 + random.nextInt(round % 2 == 0 ? 3 : 100_000);
        ts[i] = t;
        vs[i] = switch (kind) {
          case 0 -> Double.longBitsToDouble(random.nextLong());
          case 1 -> random.nextInt(1000) / 10.0;
          case 2 -> random.nextGaussian() * 1e6;
          case 3 -> i == 0 ? 0 : vs[i - 1] + random.nextInt(10);
          default -> random.nextInt(20) == 0 ? Double.longBitsToDouble(STALE) : Math.round(random.nextDouble() * 1e6) / 1e3;
        };
      }
      assertRoundTrip(ts, vs);
    }
  }

  @Test
  void decimalCountersAreSmall() {
    Random random = new Random(1);
    int n = 480;
    double[] counter = new double[n];
    double[] gauge = new double[n];
    for (int i = 1; i < n; i++) {
      counter[i] = counter[i - 1] + random.nextInt(10);
      gauge[i] = Math.round((50 + random.nextGaussian() * 10) * 10) / 10.0;
    }
    assertThat(ChunkCodec.encode(steady(n), counter, n).length).isLessThan(n);
    assertThat(ChunkCodec.encode(steady(n), gauge, n).length).isLessThan(n * 2);
  }
}
