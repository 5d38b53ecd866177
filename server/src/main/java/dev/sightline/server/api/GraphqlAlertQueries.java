package dev.sightline.server.api;

import dev.sightline.alerting.ActiveAlert;
import dev.sightline.alerting.GroupRunner;
import dev.sightline.alerting.RuleManager;
import dev.sightline.security.auth.Permission;
import graphql.schema.DataFetcher;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code alerts} and {@code rules}: read-only, from the rule manager behind {@code /api/v1/alerts} and {@code /api/v1/rules}. */
final class GraphqlAlertQueries {
  private final @Nullable RuleManager rules;

  GraphqlAlertQueries(@Nullable RuleManager rules) {
    this.rules = rules;
  }

  DataFetcher<List<GraphqlAlerting.Alert>> alerts() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_METRICS, env);
      List<GraphqlAlerting.Alert> out = new ArrayList<>();
      for (ActiveAlert a : manager().alerts(call.tenant())) {
        out.add(GraphqlAlerting.alert(a, call.masking()));
      }
      return out;
    };
  }

  DataFetcher<List<GraphqlAlerting.Group>> rules() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_METRICS, env);
      String type = GraphqlArgs.of(env.getArguments()).string("type");
      List<GraphqlAlerting.Group> out = new ArrayList<>();
      for (GroupRunner g : manager().groups(call.tenant())) {
        out.add(GraphqlAlerting.group(g, type, call.masking()));
      }
      return out;
    };
  }

  private RuleManager manager() {
    if (rules == null) {
      throw new GraphqlErrors.Unavailable("alerting is off on this server (alerting.enabled=false, or a store without metric samples)");
    }
    return rules;
  }
}
