package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.encoding.EncodingService;
import dev.sightline.alerting.RuleManager;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.storage.Storage;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /graphql} ({@code {"query", "variables", "operationName"}} as JSON) and
 * {@code GET /graphql?query=…&variables=…} on the API port: the schema of
 * {@code graphql/sightline.graphqls} over the same readers, tenant, permissions and masking as the
 * REST API. Every executed request is answered 200 with {@code data} and {@code errors}; a request
 * that is not GraphQL at all (no query, bad JSON) 400. A browser opening {@code /graphql} gets the
 * explorer page ({@link GraphqlExplorer}).
 */
public final class GraphqlApi {
  private static final Logger log = LoggerFactory.getLogger(GraphqlApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final GraphQL graphql;
  private final Clock clock;
  private final QueryMasking masking;

  /** {@code engine} is null on a store without samples, {@code rules} when alerting is off; their fields then say so. */
  public GraphqlApi(Storage storage, @Nullable PromqlEngine engine, @Nullable RuleManager rules, Clock clock,
      QueryMasking masking) {
    this.graphql = GraphqlSchema.build(storage, engine, rules);
    this.clock = clock;
    this.masking = masking;
  }

  private record Request(String query, Map<String, Object> variables, @Nullable String operationName) {}

  /** The request is not a GraphQL request; answered 400 in GraphQL's error shape. */
  private static final class NotGraphql extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotGraphql(String message) {
      super(message, null, false, false);
    }
  }

  public void register(ServerBuilder sb) {
    // Browsers and clients accept gzip or brotli, and a trace of thousands of spans is megabytes of JSON.
    var compressed = EncodingService.builder().encodableContentTypes(type -> type.is(MediaType.JSON)).newDecorator();
    sb.route().post("/graphql").build(((HttpService) this::post).decorate(compressed));
    sb.route().get("/graphql").build(((HttpService) this::get).decorate(compressed));
    GraphqlExplorer.register(sb);
  }

  private HttpResponse post(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
      try {
        return execute(ctx, body(agg));
      } catch (NotGraphql e) {
        return error(e.getMessage());
      }
    }, ctx.blockingTaskExecutor()));
  }

  private HttpResponse get(ServiceRequestContext ctx, HttpRequest req) {
    String query = ctx.queryParam("query");
    if (query == null || query.isBlank()) {
      String accept = req.headers().get(HttpHeaderNames.ACCEPT);
      if (accept != null && accept.contains("text/html")) {
        return GraphqlExplorer.page();
      }
      return error("query: required, e.g. GET /graphql?query={services} (or POST {\"query\": …} as JSON)");
    }
    try {
      Request request = new Request(query, variables(ctx.queryParam("variables")), ctx.queryParam("operationName"));
      return HttpResponse.of(CompletableFuture.supplyAsync(() -> execute(ctx, request),
          ctx.blockingTaskExecutor()));
    } catch (NotGraphql e) {
      return error(e.getMessage());
    }
  }

  private HttpResponse execute(ServiceRequestContext ctx, Request request) {
    Masking shown = masking.forRequest(ctx);
    ExecutionInput input = ExecutionInput.newExecutionInput().query(request.query()).variables(request.variables())
        .operationName(request.operationName()).graphQLContext(Map.of(GraphqlCall.KEY, new GraphqlCall(ctx, shown, clock)))
        .build();
    ExecutionResult result;
    try {
      result = graphql.execute(input);
    } catch (RuntimeException e) {
      log.error("GraphQL request failed outside its fields", e);
      return json(HttpStatus.INTERNAL_SERVER_ERROR, Map.of("errors", List.of(Map.of("message",
          "the server failed to run the query (" + e.getClass().getSimpleName() + "); the server log has the details",
          "extensions", Map.of("code", "INTERNAL")))));
    }
    masking.audit(ctx, shown);
    return json(HttpStatus.OK, result.toSpecification());
  }

  private static Request body(AggregatedHttpRequest agg) {
    MediaType type = agg.contentType();
    if (type == null || !type.isJson()) {
      throw new NotGraphql("POST /graphql takes application/json: {\"query\": \"…\", \"variables\": {…}, \"operationName\": …}"
          + (type == null ? "" : "; the body was " + type));
    }
    JsonNode body;
    try {
      body = JSON.readTree(agg.contentUtf8());
    } catch (JsonProcessingException e) {
      throw new NotGraphql("the body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw new NotGraphql("the body must be a JSON object {\"query\": …}");
    }
    JsonNode query = body.get("query");
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      throw new NotGraphql("query: required, the GraphQL document as a string");
    }
    JsonNode operation = body.get("operationName");
    if (operation != null && !operation.isNull() && !operation.isTextual()) {
      throw new NotGraphql("operationName: must be a string");
    }
    JsonNode variables = body.get("variables");
    if (variables != null && !variables.isNull() && !variables.isObject()) {
      throw new NotGraphql("variables: must be a JSON object");
    }
    return new Request(query.asText(), variables == null || variables.isNull() ? Map.of() : JSON.convertValue(variables, MAP),
        operation == null || operation.isNull() ? null : operation.asText());
  }

  private static Map<String, Object> variables(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return Map.of();
    }
    try {
      JsonNode node = JSON.readTree(raw);
      if (!node.isObject()) {
        throw new NotGraphql("variables: must be a JSON object");
      }
      return JSON.convertValue(node, MAP);
    } catch (JsonProcessingException e) {
      throw new NotGraphql("variables: not JSON: " + e.getOriginalMessage());
    }
  }

  private static HttpResponse error(String message) {
    return json(HttpStatus.BAD_REQUEST, Map.of("errors", List.of(Map.of("message", message,
        "extensions", Map.of("code", "BAD_REQUEST")))));
  }

  private static HttpResponse json(HttpStatus status, Object body) {
    try {
      return HttpResponse.of(status, MediaType.JSON_UTF_8, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a GraphQL answer failed", e);
    }
  }
}
