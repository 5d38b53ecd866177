package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** Literals for statements: the HTTP interface of 18.16 takes no bound parameters. */
final class Sql {
  private Sql() {}

  /** A quoted string literal; backslash and quote escaped as ClickHouse reads them. */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\0' -> out.append("\\0");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /** Bytes as {@code unhex('…')}, comparable with String and FixedString columns. */
  static String bytes(ByteString value) {
    return "unhex('" + HexFormat.of().formatHex(value.toByteArray()) + "')";
  }

  /** A 16-byte trace id literal for the FixedString(16) columns. */
  static String traceId(ByteString value) {
    return "toFixedString(" + bytes(RowBinaryOutput.padded(value, 16)) + ", 16)";
  }
}
