package dev.sightline.receivers.jaeger;

import dev.sightline.pipeline.processor.SamplingRates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Computes the strategy to serve a service from what the pipeline samples now: the head-sampling
 * probability as the default, and, when adaptive tail sampling has rates for the service's root
 * operations, those as per-operation probabilities (the smallest rate of the policies for an
 * operation, as that is what is stored of it).
 */
public final class SamplingStrategies {
  private final DoubleSupplier headProbability;
  private final Supplier<List<SamplingRates.OperationRate>> adaptiveRates;
  private final double lowerBoundTracesPerSecond;

  /**
   * @param headProbability the probability, in [0, 1], with which traces are kept by head sampling
   * @param adaptiveRates the current rates of adaptive sampling policies
   * @param lowerBoundTracesPerSecond traces a second each operation is sampled at least, whatever its probability
   */
  public SamplingStrategies(DoubleSupplier headProbability, Supplier<List<SamplingRates.OperationRate>> adaptiveRates,
      double lowerBoundTracesPerSecond) {
    this.headProbability = Objects.requireNonNull(headProbability, "headProbability");
    this.adaptiveRates = Objects.requireNonNull(adaptiveRates, "adaptiveRates");
    this.lowerBoundTracesPerSecond = lowerBoundTracesPerSecond;
  }

  SamplingStrategy forService(String service) {
    double head = Math.min(1, Math.max(0, headProbability.getAsDouble()));
    List<SamplingStrategy.OperationProbability> operations = new ArrayList<>();
    for (SamplingRates.OperationRate r : adaptiveRates.get()) {
      if (!r.service().equals(service)) {
        continue;
      }
      double p = Math.min(head, r.probability());
      int existing = indexOf(operations, r.operation());
      if (existing < 0) {
        operations.add(new SamplingStrategy.OperationProbability(r.operation(), p));
      } else if (p < operations.get(existing).probability()) {
        operations.set(existing, new SamplingStrategy.OperationProbability(r.operation(), p));
      }
    }
    return new SamplingStrategy(head, lowerBoundTracesPerSecond, List.copyOf(operations));
  }

  private static int indexOf(List<SamplingStrategy.OperationProbability> operations, String operation) {
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).operation().equals(operation)) {
        return i;
      }
    }
    return -1;
  }
}
