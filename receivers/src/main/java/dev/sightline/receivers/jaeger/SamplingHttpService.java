package dev.sightline.receivers.jaeger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/sampling?service=…} (strategy type as its enum name) and the Jaeger agent's
 * legacy {@code GET /sampling?service=…} and {@code GET /?service=…} (strategy type as a number),
 * which Jaeger clients' HTTP sampling managers poll.
 */
public final class SamplingHttpService implements HttpService {
  private static final JsonFactory JSON = new JsonFactory();
  private final SamplingStrategies strategies;
  private final boolean legacy;

  /** {@code legacy} selects the agent's numeric strategy type. */
  public SamplingHttpService(SamplingStrategies strategies, boolean legacy) {
    this.strategies = strategies;
    this.legacy = legacy;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    String service = ctx.queryParam("service");
    if (service == null || service.isBlank()) {
      return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.PLAIN_TEXT_UTF_8,
          "service: required, the name of the service whose sampling strategy to return, as in ?service=frontend");
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      strategies.forService(service).writeJson(g, legacy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, out.toString());
  }
}
