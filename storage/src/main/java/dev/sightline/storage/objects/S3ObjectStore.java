package dev.sightline.storage.objects;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An S3-compatible object store spoken to over HTTP with Signature Version 4: PUT, GET, HEAD,
 * DELETE and ListObjectsV2, path-style. The bucket is created when missing.
 */
public final class S3ObjectStore implements ObjectStore {
  private final S3Config config;
  private final S3Signer signer;
  private final HttpClient http;
  private final Clock clock;
  private final String host;

  private S3ObjectStore(S3Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.signer = new S3Signer(config.accessKey(), config.secretKey(), config.region());
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    URI e = config.endpoint();
    this.host = e.getPort() < 0 ? e.getHost() : e.getHost() + ":" + e.getPort();
  }

  /** Connects, checks the credentials and creates the bucket when it does not exist. */
  public static S3ObjectStore open(S3Config config, Clock clock) throws IOException {
    S3ObjectStore store = new S3ObjectStore(requireNonNull(config, "config"), requireNonNull(clock, "clock"));
    HttpResponse<String> head = store.send("HEAD", "/" + config.bucket(), Map.of(), null, S3Signer.EMPTY_SHA256,
        HttpResponse.BodyHandlers.ofString());
    if (head.statusCode() == 404) {
      HttpResponse<String> made = store.send("PUT", "/" + config.bucket(), Map.of(), null, S3Signer.EMPTY_SHA256,
          HttpResponse.BodyHandlers.ofString());
      store.check(made, "creating the bucket");
    } else {
      store.check(head, "checking the bucket");
    }
    return store;
  }

  private String path(String key) {
    return "/" + config.bucket() + "/" + S3Signer.encode(config.prefix() + key, false);
  }

  @Override
  public void put(String key, Path file) throws IOException {
    HttpResponse<String> r = send("PUT", path(key), Map.of(), HttpRequest.BodyPublishers.ofFile(file),
        sha256(file), HttpResponse.BodyHandlers.ofString());
    check(r, "storing '" + key + "'");
  }

  @Override
  public void get(String key, Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    HttpResponse<Path> r = send("GET", path(key), Map.of(), null, S3Signer.EMPTY_SHA256,
        HttpResponse.BodyHandlers.ofFile(tmp));
    if (r.statusCode() != 200) {
      String body = Files.readString(tmp);
      Files.deleteIfExists(tmp);
      throw failure(r.statusCode(), body, "reading '" + key + "'");
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    HttpResponse<String> r = send("HEAD", path(key), Map.of(), null, S3Signer.EMPTY_SHA256,
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404) {
      return OptionalLong.empty();
    }
    check(r, "looking up '" + key + "'");
    return r.headers().firstValueAsLong("Content-Length");
  }

  @Override
  public void delete(String key) throws IOException {
    HttpResponse<String> r = send("DELETE", path(key), Map.of(), null, S3Signer.EMPTY_SHA256,
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 404) {
      check(r, "deleting '" + key + "'");
    }
  }

  @Override
  public List<Entry> list(String prefix) throws IOException {
    List<Entry> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("list-type", "2");
      q.put("prefix", config.prefix() + prefix);
      if (token != null) {
        q.put("continuation-token", token);
      }
      HttpResponse<String> r = send("GET", "/" + config.bucket(), q, null, S3Signer.EMPTY_SHA256,
          HttpResponse.BodyHandlers.ofString());
      check(r, "listing '" + prefix + "'");
      S3Listing page = S3Listing.parse(r.body());
      for (Entry e : page.entries()) {
        out.add(new Entry(e.key().substring(config.prefix().length()), e.size()));
      }
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  @Override
  public String describe() {
    return "s3://" + config.bucket() + "/" + config.prefix() + " at " + config.endpoint();
  }

  private <T> HttpResponse<T> send(String method, String path, Map<String, String> query,
      HttpRequest.@org.jspecify.annotations.Nullable BodyPublisher body, String payloadSha256,
      HttpResponse.BodyHandler<T> handler) throws IOException {
    String q = S3Signer.canonicalQuery(query);
    URI uri = URI.create(config.endpoint().toString().replaceAll("/+$", "") + path + (q.isEmpty() ? "" : "?" + q));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.timeout())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    signer.sign(method, host, path, query, payloadSha256, clock.instant()).forEach(b::header);
    try {
      return http.send(b.build(), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " " + path + " at " + config.endpoint() + " was interrupted", e);
    } catch (IOException e) {
      throw new IOException("the object store " + describe() + " cannot be reached: " + e.getMessage(), e);
    }
  }

  private void check(HttpResponse<String> r, String what) throws IOException {
    if (r.statusCode() / 100 != 2) {
      throw failure(r.statusCode(), r.body(), what);
    }
  }

  private IOException failure(int status, String body, String what) {
    String code = S3Listing.errorCode(body);
    return new IOException(what + " in " + describe() + " failed: HTTP " + status
        + (code.isEmpty() ? "" : " " + code));
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
