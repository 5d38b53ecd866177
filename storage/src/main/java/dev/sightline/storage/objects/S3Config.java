package dev.sightline.storage.objects;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * Where an S3-compatible store is and how to sign for it. Objects go under
 * {@code endpoint/bucket/prefix...} (path-style addressing, which every S3-compatible server speaks).
 * {@link #toString()} leaves the secret key out.
 */
public record S3Config(URI endpoint, String bucket, String prefix, String region, String accessKey,
    String secretKey, Duration timeout) {

  public S3Config {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(bucket, "bucket");
    requireNonNull(prefix, "prefix");
    requireNonNull(region, "region");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
    requireNonNull(timeout, "timeout");
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("the S3 endpoint must be an http:// or https:// URL, was " + endpoint);
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  @Override
  public String toString() {
    return "S3Config[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
        + ", accessKey=" + accessKey + ", timeout=" + timeout + "]";
  }
}
