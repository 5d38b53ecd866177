package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enriches resources (type {@code resource}): attributes from the configuration (inserted when the
 * data lacks them, or overriding with {@code override: true}), derived defaults, then any
 * {@link AttributeAction}s on resource attributes.
 *
 * <p>Derived defaults fill a missing attribute from one the data carries: {@code service.namespace}
 * from {@code k8s.namespace.name}, {@code deployment.environment} and
 * {@code deployment.environment.name} from each other (semantic conventions renamed it), and
 * {@code host.name} from {@code k8s.node.name}.
 *
 * <pre>
 * resource:
 *   attributes: {deployment.environment.name: production, cloud.region: eu-west-1, k8s.cluster.name: east-1}
 *   override: false
 * </pre>
 */
final class ResourceProcessor extends EditingProcessor {
  private static final List<Map.Entry<String, String>> DERIVED = List.of(
      Map.entry("service.namespace", "k8s.namespace.name"),
      Map.entry("deployment.environment", "deployment.environment.name"),
      Map.entry("deployment.environment.name", "deployment.environment"),
      Map.entry("host.name", "k8s.node.name"));
  private final List<AttributeAction> actions;
  private final boolean derive;

  private ResourceProcessor(String id, List<AttributeAction> actions, boolean derive) {
    super(id);
    this.actions = List.copyOf(actions);
    this.derive = derive;
  }

  static ResourceProcessor create(String id, Settings s) {
    s.allowOnly("attributes", "override", "derive", "actions");
    boolean override = s.bool("override", false);
    List<AttributeAction> actions = new ArrayList<>();
    Settings attributes = s.map("attributes");
    for (String key : attributes.keys()) {
      AnyValue value = AnyValue.newBuilder().setStringValue(attributes.string(key)).build();
      actions.add(new AttributeAction(override ? AttributeAction.Kind.UPSERT : AttributeAction.Kind.INSERT,
          key, null, value, null, 0, new byte[0]));
    }
    s.maps("actions").stream().map(AttributeAction::parse).forEach(actions::add);
    return new ResourceProcessor(id, actions, s.bool("derive", true));
  }

  @Override
  public List<KeyValue> attributes(AttributeSite site, String service, List<KeyValue> attributes) {
    if (site != AttributeSite.RESOURCE) {
      return attributes;
    }
    List<KeyValue> out = attributes;
    for (AttributeAction a : actions) {
      out = a.apply(out);
    }
    return derive ? derived(out) : out;
  }

  private static List<KeyValue> derived(List<KeyValue> attributes) {
    List<KeyValue> out = attributes;
    Set<String> added = new java.util.HashSet<>();
    for (Map.Entry<String, String> d : DERIVED) {
      if (AttributeAction.indexOf(out, d.getKey()) >= 0 || added.contains(d.getValue())) {
        continue;
      }
      int from = AttributeAction.indexOf(out, d.getValue());
      if (from >= 0) {
        out = out == attributes ? new ArrayList<>(attributes) : out;
        out.add(KeyValue.newBuilder().setKey(d.getKey()).setValue(out.get(from).getValue()).build());
        added.add(d.getKey());
      }
    }
    return out;
  }
}
