package dev.sightline.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.storage.duckdb.chunk.ChunkCodec;
import dev.sightline.storage.duckdb.chunk.ChunkDecoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkMergeTest {
  private static byte[] chunk(long... ts) {
    double[] vs = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      vs[i] = ts[i] / 10.0;
    }
    return ChunkCodec.encode(ts, vs, ts.length);
  }

  private static long[] times(SampleBatch.Samples s) {
    return Arrays.copyOf(s.timestamps, s.size);
  }

  @Test
  void keepsOnlyTheRangeWithBothEndsIncluded() {
    SampleBatch.Samples s = ChunkMerge.merge(new ChunkDecoder(), List.of(chunk(10, 20, 30), chunk(40, 50, 60)), 20, 50);
    assertThat(times(s)).containsExactly(20, 30, 40, 50);
    assertThat(Arrays.copyOf(s.values, s.size)).containsExactly(2.0, 3.0, 4.0, 5.0);
  }

  @Test
  void unboundedRangeKeepsEverything() {
    SampleBatch.Samples s = ChunkMerge.merge(new ChunkDecoder(), List.of(chunk(10, 20)), Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(times(s)).containsExactly(10, 20);
  }

  @Test
  void laterChunkWinsOnSameTimestampAndOverlapsAreSorted() {
    double[] later = {99, 98};
    List<byte[]> chunks = List.of(chunk(10, 30, 50), ChunkCodec.encode(new long[] {20, 30}, later, 2));
    SampleBatch.Samples s = ChunkMerge.merge(new ChunkDecoder(), chunks, 0, 100);
    assertThat(times(s)).containsExactly(10, 20, 30, 50);
    assertThat(Arrays.copyOf(s.values, s.size)).containsExactly(1.0, 99.0, 98.0, 5.0);
  }

  @Test
  void reusedBufferAndDecoderStartAfresh() {
    ChunkDecoder decoder = new ChunkDecoder();
    SampleBatch.Samples buffer = new SampleBatch.Samples();
    long[] many = new long[500];
    for (int i = 0; i < many.length; i++) {
      many[i] = 1_000L * (i + 1);
    }
    ChunkMerge.merge(decoder, List.of(chunk(many)), 0, Long.MAX_VALUE, buffer);
    assertThat(buffer.size).isEqualTo(500);
    ChunkMerge.merge(decoder, List.of(chunk(5, 6)), 0, Long.MAX_VALUE, buffer);
    assertThat(times(buffer)).containsExactly(5, 6);
    ChunkMerge.merge(decoder, List.of(), 0, Long.MAX_VALUE, buffer);
    assertThat(buffer.size).isZero();
  }
}
