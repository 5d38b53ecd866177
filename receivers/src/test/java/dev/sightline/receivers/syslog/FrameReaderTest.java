package dev.sightline.receivers.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private static List<FrameReader.Frame> frames(String stream, int max) throws IOException {
    FrameReader r = new FrameReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max);
    List<FrameReader.Frame> out = new ArrayList<>();
    for (FrameReader.Frame f = r.next(); f != null; f = r.next()) {
      out.add(f);
    }
    return out;
  }

  @Test
  void octetCountingAndLfFramingMixInOneStream() throws IOException {
    String a = "<13>1 - h a - - - one\nline";
    String stream = a.length() + " " + a + "<13>Oct 11 22:14:15 h a: two\r\n\n"
        + "42 is not a length\n" + "5 <13>x" + "garbage without a newline";
    assertThat(frames(stream, 1024)).containsExactly(
        new FrameReader.Frame(a, ""),
        new FrameReader.Frame("<13>Oct 11 22:14:15 h a: two", ""),
        new FrameReader.Frame("42 is not a length", ""),
        new FrameReader.Frame("<13>x", ""),
        new FrameReader.Frame("garbage without a newline", ""));
  }

  @Test
  void tooLongFramesAreCutAndTheStreamStaysInStep() throws IOException {
    String longLine = "<13>" + "x".repeat(600);
    String counted = "<13>" + "y".repeat(596);
    List<FrameReader.Frame> f = frames(longLine + "\n" + counted.length() + " " + counted + "<13>after\n", 480);
    assertThat(f).hasSize(3);
    assertThat(f.get(0).text()).hasSize(480);
    assertThat(f.get(0).problem()).contains("longer than 480 bytes (syslog.max.message.bytes)");
    assertThat(f.get(1).text()).hasSize(480);
    assertThat(f.get(1).problem()).contains("message of 600 bytes is longer than 480 bytes");
    assertThat(f.get(2)).isEqualTo(new FrameReader.Frame("<13>after", ""));
  }

  @Test
  void aConnectionClosedInsideAnOctetCountedFrameKeepsWhatArrived() throws IOException {
    assertThat(frames("100 <13>short", 1024)).containsExactly(
        new FrameReader.Frame("<13>short", "the connection closed 9 bytes into a frame of 100 bytes"));
  }
}
