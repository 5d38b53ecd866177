package dev.sightline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The GraphQL explorer: a page with a query editor, a Run button, the JSON answer and the schema
 * text, served from {@code graphql/} on the classpath. It holds no data (queries go to
 * {@code /graphql} with the caller's session or API key), so {@code /graphql/explorer} is public
 * like the web UI's pages; everything is same-origin files, as the CSP {@code default-src 'self'}
 * requires, and nothing is fetched from elsewhere.
 */
final class GraphqlExplorer {
  static final String PAGE = "/graphql/explorer";

  private GraphqlExplorer() {}

  static void register(ServerBuilder sb) {
    sb.route().get(PAGE).build((ctx, req) -> page());
    sb.route().get(PAGE + "/explorer.js").build((ctx, req) -> file("explorer.js", MediaType.JAVASCRIPT_UTF_8));
    sb.route().get(PAGE + "/explorer.css").build((ctx, req) -> file("explorer.css", MediaType.CSS_UTF_8));
    sb.route().get(PAGE + "/sightline.graphqls").build((ctx, req) ->
        HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, GraphqlSchema.text()));
  }

  static HttpResponse page() {
    return file("explorer.html", MediaType.HTML_UTF_8);
  }

  private static HttpResponse file(String name, MediaType type) {
    try (InputStream in = GraphqlExplorer.class.getClassLoader().getResourceAsStream("graphql/" + name)) {
      if (in == null) {
        return HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8, "graphql/" + name + " is not in this build");
      }
      return HttpResponse.of(HttpStatus.OK, type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
