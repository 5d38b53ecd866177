package dev.sightline.query.promql;

/** The type an expression evaluates to, named as Prometheus names it in its error messages. */
public enum ValueType {
  NONE("none", "none"),
  SCALAR("scalar", "scalar"),
  STRING("string", "string"),
  VECTOR("vector", "instant vector"),
  MATRIX("matrix", "range vector");

  private final String shortName;
  private final String documentedName;

  ValueType(String shortName, String documentedName) {
    this.shortName = shortName;
    this.documentedName = documentedName;
  }

  /** The internal name ({@code vector}, {@code matrix}) some Prometheus messages use. */
  public String shortName() {
    return shortName;
  }

  /** The documented name ({@code instant vector}, {@code range vector}). */
  public String documentedName() {
    return documentedName;
  }
}
