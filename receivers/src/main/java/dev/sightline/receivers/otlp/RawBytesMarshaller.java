package dev.sightline.receivers.otlp;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a gRPC message's bytes through undecoded, so that a service can decode them itself (and
 * keep them as received) or answer with bytes it encoded.
 */
public enum RawBytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  INSTANCE;

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("reading the request failed: " + e.getMessage()).asRuntimeException();
    }
  }
}
