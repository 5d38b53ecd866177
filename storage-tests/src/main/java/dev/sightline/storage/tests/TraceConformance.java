package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.error;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.Operation;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceSummary;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every backend must do with spans. */
public abstract class TraceConformance extends StorageFixture {

  private static String hex(long trace) {
    return HexFormat.of().formatHex(SampleData.traceId(trace).toByteArray());
  }

  @Test
  void keepsEverySpanFieldExactly() {
    Span span = span(1, 1, 0, "GET /checkout", 0, 120)
        .setTraceState("vendor=a:1").setFlags(0x301).setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .addAllAttributes(SampleData.richAttributes()).setDroppedAttributesCount(2)
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(T0 + 5 * MS)
            .addAttributes(attr("exception.type", "IOException")).setDroppedAttributesCount(1))
        .setDroppedEventsCount(3)
        .addLinks(Span.Link.newBuilder().setTraceId(SampleData.traceId(9)).setSpanId(SampleData.spanId(9))
            .setTraceState("x=y").addAttributes(attr("link", 1)).setFlags(1))
        .setDroppedLinksCount(4)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("timeout"))
        .build();
    ResourceSpans rs = ResourceSpans.newBuilder()
        .setResource(resource("checkout", SampleData.richAttributes().toArray(new io.opentelemetry.proto.common.v1.KeyValue[0])).toBuilder().setDroppedAttributesCount(7))
        .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
        .addScopeSpans(ScopeSpans.newBuilder().setSchemaUrl("https://scope/schema")
            .setScope(InstrumentationScope.newBuilder().setName("io.test").setVersion("2.1")
                .addAttributes(attr("scope.attr", "v")).setDroppedAttributesCount(1))
            .addSpans(span))
        .build();
    writeSpans(TENANT, rs);

    List<StoredSpan> trace = storage.traces().trace(TENANT, hex(1));
    assertThat(trace).hasSize(1);
    assertThat(trace.get(0).span()).isEqualTo(span);
    assertThat(trace.get(0).origin().resource()).isEqualTo(rs.getResource());
    assertThat(trace.get(0).origin().resourceSchemaUrl()).isEqualTo(rs.getSchemaUrl());
    assertThat(trace.get(0).origin().scope()).isEqualTo(rs.getScopeSpans(0).getScope());
    assertThat(trace.get(0).origin().scopeSchemaUrl()).isEqualTo("https://scope/schema");
  }

  @Test
  void findsATraceByIdWhateverItsTimeAndOnlyForItsTenant() {
    writeSpans(TENANT, resourceSpans(resource("a"), span(1, 1, 0, "root", 0, 10).build(),
        span(1, 2, 1, "child", 1, 5).build(), span(2, 3, 0, "other", 0, 10).build()));
    writeSpans("other-tenant", resourceSpans(resource("a"), span(1, 4, 0, "foreign", 0, 10).build()));

    assertThat(storage.traces().trace(TENANT, hex(1))).extracting(s -> s.span().getName())
        .containsExactly("root", "child");
    assertThat(storage.traces().trace(TENANT, hex(1).toUpperCase())).hasSize(2);
    assertThat(storage.traces().trace(TENANT, hex(77))).isEmpty();
    assertThat(storage.traces().trace("other-tenant", hex(1))).extracting(s -> s.span().getName())
        .containsExactly("foreign");
  }

  @Test
  void rejectsATraceIdThatIsNotHex() {
    assertThatThrownBy(() -> storage.traces().trace(TENANT, "not-hex"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsServicesAndOperations() {
    writeSpans(TENANT, resourceSpans(resource("cart"), span(1, 1, 0, "GET /cart", 0, 10).build(),
        span(1, 2, 1, "SELECT", 1, 2).setKind(Span.SpanKind.SPAN_KIND_CLIENT).build()));
    writeSpans(TENANT, resourceSpans(resource("auth"), span(2, 3, 0, "login", 0, 10).build()));
    writeSpans("other-tenant", resourceSpans(resource("hidden"), span(3, 4, 0, "x", 0, 1).build()));

    assertThat(storage.traces().services(TENANT)).containsExactly("auth", "cart");
    assertThat(storage.traces().operations(TENANT, "cart"))
        .containsExactly(new Operation("GET /cart", "SERVER"), new Operation("SELECT", "CLIENT"));
    assertThat(storage.traces().operations(TENANT, "nope")).isEmpty();
  }

  @Test
  void searchesByServiceOperationAttributesDurationAndErrors() {
    writeSpans(TENANT,
        resourceSpans(resource("web", attr("deployment.environment", "prod")),
            span(1, 1, 0, "GET /a", 0, 100).addAttributes(attr("http.status_code", 200)).build(),
            error(span(2, 2, 0, "GET /b", 10, 900).addAttributes(attr("http.status_code", 500)))),
        resourceSpans(resource("db", attr("deployment.environment", "dev")),
            span(3, 3, 0, "query", 20, 5).build()));

    assertThat(ids(TraceQuery.builder(TENANT).build())).containsExactly(hex(3), hex(2), hex(1));
    assertThat(ids(TraceQuery.builder(TENANT).service("web").build())).containsExactly(hex(2), hex(1));
    assertThat(ids(TraceQuery.builder(TENANT).operation("GET /a").build())).containsExactly(hex(1));
    assertThat(ids(TraceQuery.builder(TENANT).attribute("http.status_code", "500").build())).containsExactly(hex(2));
    assertThat(ids(TraceQuery.builder(TENANT).attribute("deployment.environment", "dev").build())).containsExactly(hex(3));
    assertThat(ids(TraceQuery.builder(TENANT).minDurationNanos(100 * MS).build())).containsExactly(hex(2), hex(1));
    assertThat(ids(TraceQuery.builder(TENANT).maxDurationNanos(100 * MS).build())).containsExactly(hex(3), hex(1));
    assertThat(ids(TraceQuery.builder(TENANT).errorsOnly(true).build())).containsExactly(hex(2));
    assertThat(ids(TraceQuery.builder(TENANT).range(new TimeRange(T0 + 5 * MS, T0 + 15 * MS)).build()))
        .containsExactly(hex(2));
    assertThat(ids(TraceQuery.builder("other-tenant").build())).isEmpty();
  }

  @Test
  void summarisesTracesFromTheirRoot() {
    writeSpans(TENANT, resourceSpans(resource("front"), span(1, 1, 0, "GET /", 0, 100).build()),
        resourceSpans(resource("back"), error(span(1, 2, 1, "call", 10, 120))));

    TraceSummary summary = storage.traces().search(TraceQuery.builder(TENANT).service("back").build()).items().get(0);
    assertThat(summary).isEqualTo(new TraceSummary(hex(1), "front", "GET /", T0, 130 * MS, 2, 1, List.of("back", "front")));
  }

  @Test
  void paginatesNewestFirstWithoutSkippingOrRepeating() {
    List<Span> spans = new ArrayList<>();
    for (int i = 1; i <= 23; i++) {
      spans.add(span(i, i, 0, "op", i % 5, 10).build()); // equal start times: the id breaks ties
    }
    writeSpans(TENANT, resourceSpans(resource("svc"), spans.toArray(new Span[0])));

    List<String> seen = new ArrayList<>();
    PageCursor cursor = null;
    int pages = 0;
    do {
      Page<TraceSummary> page = storage.traces().search(TraceQuery.builder(TENANT).limit(5).cursor(cursor).build());
      page.items().forEach(t -> seen.add(t.traceId()));
      cursor = page.nextCursor() == null ? null : PageCursor.decode(page.nextCursor());
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).hasSize(23).doesNotHaveDuplicates();
    List<String> all = ids(TraceQuery.builder(TENANT).limit(100).build());
    assertThat(seen).isEqualTo(all);
  }

  @Test
  void keepsDataAndCheckpointAcrossARestart() {
    writeSpans(TENANT, resourceSpans(resource("a"), span(1, 1, 0, "root", 0, 10).build()));
    long checkpoint = storage.writer().checkpoint();
    reopen();
    assertThat(storage.writer().checkpoint()).isEqualTo(checkpoint).isPositive();
    assertThat(storage.traces().trace(TENANT, hex(1))).hasSize(1);
  }

  @Test
  void rewritesStoredSpansInPlaceWhenTheBackendCan() {
    org.junit.jupiter.api.Assumptions.assumeTrue(storage.capabilities().contains(dev.sightline.storage.Capability.REWRITE),
        "the backend cannot rewrite stored data");
    writeSpans(TENANT, resourceSpans(resource("a"), span(31, 1, 0, "login", 0, 10).addAttributes(attr("password", "hunter2")).build(),
        span(31, 2, 1, "query", 1, 5).addAttributes(attr("db.system", "h2")).build()));
    var rewriter = storage.rewriter().orElseThrow();
    java.util.function.UnaryOperator<ResourceSpans> mask = rs -> {
      ResourceSpans.Builder b = rs.toBuilder();
      b.getResourceBuilder().addAttributes(attr("masked.by", "rerun"));
      Span.Builder span = b.getScopeSpansBuilder(0).getSpansBuilder(0);
      for (int i = 0; i < span.getAttributesCount(); i++) {
        if (span.getAttributes(i).getKey().equals("password")) {
          span.setAttributes(i, attr("password", "****"));
        }
      }
      return span.getAttributesList().stream().anyMatch(a -> a.getKey().equals("password")) ? b.build() : rs;
    };
    TimeRange all = new TimeRange(0, Long.MAX_VALUE);
    var dry = rewriter.rewriteSpans(TENANT, all, 100, true, mask);
    assertThat(dry.examined()).isEqualTo(2);
    assertThat(dry.changed()).isEqualTo(1);
    assertThat(storage.traces().trace(TENANT, hex(31)).get(0).span().getAttributes(0).getValue().getStringValue()).isEqualTo("hunter2");

    var done = rewriter.rewriteSpans(TENANT, all, 100, false, mask);
    assertThat(done.changed()).isEqualTo(1);
    assertThat(done.truncated()).isFalse();
    List<StoredSpan> after = storage.traces().trace(TENANT, hex(31));
    assertThat(after).hasSize(2);
    StoredSpan login = after.stream().filter(s -> s.span().getName().equals("login")).findFirst().orElseThrow();
    assertThat(login.span().getAttributes(0).getValue().getStringValue()).isEqualTo("****");
    assertThat(login.origin().resource().getAttributesList()).contains(attr("masked.by", "rerun"));
    assertThat(storage.traces().services(TENANT)).contains("a");
    writeSpans(TENANT, resourceSpans(resource("a"), span(32, 1, 0, "after", 0, 10).build()));
    assertThat(storage.traces().trace(TENANT, hex(32))).hasSize(1);
    assertThat(rewriter.rewriteSpans(TENANT, all, 1, true, mask).truncated()).isTrue();
  }

  @Test
  void keepsTheReplayPositionAcrossARestart() {
    long next = storage.writer().checkpoint() + 1;
    assertThat(storage.writer().replayFrom()).isEqualTo(next);
    storage.writer().write(new WriteBatch(List.of(new WriteBatch.Entry(next + 2, TENANT,
        new WriteBatch.Traces(List.of(resourceSpans(resource("a"), span(9, 1, 0, "held", 0, 10).build()))))), next + 2, next));
    reopen();
    assertThat(storage.writer().checkpoint()).isEqualTo(next + 2);
    assertThat(storage.writer().replayFrom()).isEqualTo(next);
  }

  @Test
  void refusesABatchAtOrBelowTheCheckpoint() {
    writeSpans(TENANT, resourceSpans(resource("a"), span(1, 1, 0, "root", 0, 10).build()));
    long checkpoint = storage.writer().checkpoint();
    WriteBatch replay = WriteBatch.of(List.of(new WriteBatch.Entry(checkpoint, TENANT,
        new WriteBatch.Traces(List.of(resourceSpans(resource("a"), span(1, 1, 0, "root", 0, 10).build()))))));
    assertThatThrownBy(() -> storage.writer().write(replay)).isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.traces().trace(TENANT, hex(1))).hasSize(1);
  }

  private List<String> ids(TraceQuery query) {
    return storage.traces().search(query).items().stream().map(TraceSummary::traceId).toList();
  }
}
