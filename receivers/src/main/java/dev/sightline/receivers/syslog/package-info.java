/**
 * Syslog over UDP, TCP and TLS: {@link dev.sightline.receivers.syslog.SyslogReceiver} listens,
 * {@code FrameReader} splits TCP streams (octet counting or LF, per frame), {@code SyslogParser}
 * reads RFC 5424 and RFC 3164 messages, {@code SyslogToOtlp} maps them to OTLP log records, and
 * {@code SyslogBatcher} hands them in bounded batches to the OTLP ingest path.
 */
@NullMarked
package dev.sightline.receivers.syslog;

import org.jspecify.annotations.NullMarked;
