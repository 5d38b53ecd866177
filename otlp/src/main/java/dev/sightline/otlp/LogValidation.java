package dev.sightline.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.jspecify.annotations.Nullable;

/** Validates the log records of one logs export request; see {@link OtlpValidator} for the rules. */
final class LogValidation {
  private final AttributeLimits limits;

  LogValidation(AttributeLimits limits) {
    this.limits = limits;
  }

  static long count(ExportLogsServiceRequest request) {
    long count = 0;
    for (ResourceLogs rl : request.getResourceLogsList()) {
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        count += sl.getLogRecordsCount();
      }
    }
    return count;
  }

  Validated<ExportLogsServiceRequest> validate(ExportLogsServiceRequest request) {
    Rejections rejections = new Rejections();
    int position = 0;
    for (int r = 0; r < request.getResourceLogsCount(); r++) {
      ResourceLogs rl = request.getResourceLogs(r);
      String resourceProblem = Rejections.about("resource", limits.check(rl.getResource().getAttributesList()));
      for (int s = 0; s < rl.getScopeLogsCount(); s++) {
        ScopeLogs sl = rl.getScopeLogs(s);
        String shared = resourceProblem != null ? resourceProblem
            : Rejections.about("scope", limits.check(sl.getScope().getAttributesList()));
        for (int i = 0; i < sl.getLogRecordsCount(); i++, position++) {
          String problem = shared != null ? shared : problem(sl.getLogRecords(i));
          if (problem != null) {
            String path = "resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + i + "]";
            rejections.reject(position, () -> path + ": " + problem);
          }
        }
      }
    }
    ExportLogsServiceRequest accepted = rejections.none() ? request : without(request, rejections);
    return new Validated<>(accepted, position, rejections.count(), rejections.messages());
  }

  private @Nullable String problem(LogRecord record) {
    String problem = IdChecks.optional("traceId", record.getTraceId(), IdChecks.TRACE_ID_BYTES);
    if (problem == null) {
      problem = IdChecks.optional("spanId", record.getSpanId(), IdChecks.SPAN_ID_BYTES);
    }
    if (problem == null) {
      problem = limits.check(record.getAttributesList());
    }
    if (problem == null) {
      String body = limits.tooLong(record.getBody());
      problem = body == null ? null : "body " + body;
    }
    return problem;
  }

  private static ExportLogsServiceRequest without(ExportLogsServiceRequest request, Rejections rejections) {
    ExportLogsServiceRequest.Builder out = request.toBuilder().clearResourceLogs();
    int position = 0;
    for (ResourceLogs rl : request.getResourceLogsList()) {
      ResourceLogs.Builder resource = rl.toBuilder().clearScopeLogs();
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        ScopeLogs.Builder scope = sl.toBuilder().clearLogRecords();
        for (LogRecord record : sl.getLogRecordsList()) {
          if (!rejections.isRejected(position++)) {
            scope.addLogRecords(record);
          }
        }
        if (scope.getLogRecordsCount() > 0) {
          resource.addScopeLogs(scope);
        }
      }
      if (resource.getScopeLogsCount() > 0) {
        out.addResourceLogs(resource);
      }
    }
    return out.build();
  }
}
