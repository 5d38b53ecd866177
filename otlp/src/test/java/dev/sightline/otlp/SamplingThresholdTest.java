package dev.sightline.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SamplingThresholdTest {
  @Test
  void thresholdsFollowTheTracestateEncoding() {
    assertThat(SamplingThreshold.encode(SamplingThreshold.ofProbability(1))).isEqualTo("0");
    assertThat(SamplingThreshold.encode(SamplingThreshold.ofProbability(0.5))).isEqualTo("8");
    assertThat(SamplingThreshold.encode(SamplingThreshold.ofProbability(0.25))).isEqualTo("c");
    assertThat(SamplingThreshold.threshold("ot=th:c")).hasValue(0xc0000000000000L);
    assertThat(SamplingThreshold.adjustedCount(0xc0000000000000L)).isEqualTo(4.0);
    assertThat(SamplingThreshold.threshold("vendor=x")).isEmpty();
    assertThat(SamplingThreshold.threshold("ot=th:zz")).isEmpty();
  }

  @Test
  void randomnessComesFromRvOrTheTraceIdsLastSevenBytes() {
    ByteString id = ByteString.copyFrom(HexFormat.of().parseHex("0af7651916cd43dd8448eb211c80319c"));
    assertThat(SamplingThreshold.randomness(id, "")).isEqualTo(0x48eb211c80319cL);
    assertThat(SamplingThreshold.randomness(id, "ot=rv:00000000000001")).isEqualTo(1);
  }

  @Test
  void writingAThresholdKeepsOtherMembersAndPutsOtFirst() {
    assertThat(SamplingThreshold.withThreshold("vendor=a,ot=rv:00000000000001;th:4", 0x80000000000000L))
        .isEqualTo("ot=th:8;rv:00000000000001,vendor=a");
    assertThat(SamplingThreshold.withThreshold("", 0)).isEqualTo("ot=th:0");
  }
}
