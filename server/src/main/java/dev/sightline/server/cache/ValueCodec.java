package dev.sightline.server.cache;

/** How a cached value travels to Redis and back; its encoded size is also its weight in L1. */
interface ValueCodec<T> {

  byte[] encode(T value);

  /** @throws IllegalArgumentException when the bytes are not a value this codec wrote */
  T decode(byte[] bytes);
}
