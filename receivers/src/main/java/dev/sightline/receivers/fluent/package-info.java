/**
 * The Fluentd Forward protocol (v1) over TCP, as Fluentd's {@code out_forward}, Fluent Bit's
 * {@code forward} output and the Fluent client libraries send it: Message, Forward, PackedForward
 * and gzip CompressedPackedForward modes, decoded by {@link ForwardDecoder}, mapped to OTLP log
 * records by {@link RecordToLog}, and acknowledged by {@link FluentReceiver} only once durable.
 */
@NullMarked
package dev.sightline.receivers.fluent;

import org.jspecify.annotations.NullMarked;
