package dev.sightline.ingestlog.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link KafkaTestBroker} for a test class ({@code @ExtendWith} or a static
 * {@code @RegisterExtension} field) and stops it after the last test; tests take it as a parameter.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put("broker", KafkaTestBroker.start());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    KafkaTestBroker broker = context.getStore(NAMESPACE).remove("broker", KafkaTestBroker.class);
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaTestBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).get("broker", KafkaTestBroker.class);
  }
}
