package dev.sightline.receivers.fluent;

import dev.sightline.ingestlog.LogFullException;
import dev.sightline.receivers.otlp.IngestOutcome;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads Forward messages one after the other, stores each, and only then
 * answers {@code {"ack": chunk}} when the message asked for it. While a message is being stored
 * nothing more is read, so a client that sends faster than the log stores is slowed by TCP itself.
 * When the ingest log refuses, the message is retried for a few seconds and then the connection is
 * closed without an ack, which Fluentd and Fluent Bit answer by sending the chunk again later.
 */
final class FluentConnection {
  private static final Logger log = LoggerFactory.getLogger(FluentConnection.class);
  private static final long REFUSED_RETRY_NANOS = 5_000_000_000L;
  private final Socket socket;
  private final FluentReceiver receiver;
  private final SocketAddress peer;

  FluentConnection(Socket socket, FluentReceiver receiver) {
    this.socket = socket;
    this.receiver = receiver;
    this.peer = socket.getRemoteSocketAddress();
  }

  void serve() {
    FluentSettings settings = receiver.settings();
    ForwardDecoder decoder = new ForwardDecoder(settings.maxMessageBytes());
    BoundedValueReader reader = new BoundedValueReader(settings.maxMessageBytes());
    try (socket; MessageUnpacker in = MessagePack.newDefaultUnpacker(socket.getInputStream())) {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis()));
      OutputStream out = socket.getOutputStream();
      if (!settings.sharedKey().isEmpty()) {
        new SharedKeyHandshake(settings.sharedKey()).perform(in, out, reader);
      }
      while (!receiver.stopping() && in.hasNext()) {
        ForwardMessage message = decoder.decode(reader.read(in));
        if (!store(message)) {
          receiver.closed("refused");
          return;
        }
        if (message.chunk() != null) {
          out.write(ack(message.chunk()));
          out.flush();
        }
      }
    } catch (SharedKeyHandshake.Refused e) {
      closed("unauthenticated", e.getMessage());
    } catch (ForwardDecoder.Malformed e) {
      closed("malformed", "is not Fluent Forward: " + e.getMessage());
    } catch (BoundedValueReader.TooLarge e) {
      closed("too_large", "sent a message over the limit: " + e.getMessage());
    } catch (MessageInsufficientBufferException e) {
      log.debug("Fluent Forward connection from {} ended in the middle of a message", peer);
    } catch (MessagePackException e) {
      closed("malformed", "is not msgpack: " + e.getMessage());
    } catch (SocketTimeoutException e) {
      closed("timeout", "was silent for " + settings.readTimeout());
    } catch (IOException e) {
      log.debug("Fluent Forward connection from {} ended: {}", peer, e.getMessage());
    } catch (RuntimeException e) {
      // A bug must cost this connection (its unacknowledged chunk is sent again), never the receiver.
      receiver.closed("error");
      log.error("Fluent Forward connection from {} failed", peer, e);
    }
  }

  private void closed(String reason, String what) {
    receiver.closed(reason);
    if (reason.equals("timeout")) {
      log.debug("Fluent Forward connection from {} closed: it {}", peer, what);
    } else {
      log.warn("Fluent Forward connection from {} closed: it {}", peer, what);
    }
  }

  /** Stores the message's good events; false when the log refused them and the client must retry. */
  private boolean store(ForwardMessage message) {
    if (message.skipped() > 0) {
      receiver.count("malformed", message.skipped());
      log.warn("Fluent Forward message from {} with tag '{}': {} entries skipped, {} kept; {}", peer, message.tag(),
          message.skipped(), message.events().size(), String.join("; ", message.problems()));
    }
    long observed = receiver.nowNanos();
    for (ExportLogsServiceRequest request : ForwardToOtlp.convert(message, observed, receiver.settings().maxRecordsPerRequest())) {
      if (!storeWithRetry(request, message.tag())) {
        return false;
      }
    }
    return true;
  }

  private boolean storeWithRetry(ExportLogsServiceRequest request, String tag) {
    long deadline = System.nanoTime() + REFUSED_RETRY_NANOS;
    for (long pause = 50; ; pause = Math.min(1_000, pause * 2)) {
      try {
        IngestOutcome outcome = receiver.ingest(request).join();
        receiver.count("accepted", outcome.accepted());
        receiver.count("invalid", outcome.rejected());
        if (outcome.rejected() > 0) {
          log.warn("Fluent Forward records from {} with tag '{}' refused: {}", peer, tag, outcome.message());
        }
        return true;
      } catch (RuntimeException e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        boolean full = cause instanceof LogFullException;
        if (!full || receiver.stopping() || System.nanoTime() + pause * 1_000_000L > deadline) {
          receiver.count("refused", request.getResourceLogsList().stream()
              .flatMap(rl -> rl.getScopeLogsList().stream()).mapToLong(sl -> sl.getLogRecordsCount()).sum());
          log.warn("Fluent Forward records from {} with tag '{}' not stored, closing without ack so the client retries: {}",
              peer, tag, cause.getMessage());
          return false;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  static byte[] ack(String chunk) throws IOException {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      p.packMapHeader(1).packString("ack").packString(chunk);
      return p.toByteArray();
    }
  }

  /** Ends reading so the connection finishes what it is storing and then closes. */
  void stopReading() {
    try {
      socket.shutdownInput();
    } catch (IOException e) {
      log.debug("stopping a Fluent Forward connection", e);
    }
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing a Fluent Forward connection", e);
    }
  }
}
