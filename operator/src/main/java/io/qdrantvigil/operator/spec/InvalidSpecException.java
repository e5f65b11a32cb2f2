package io.qdrantvigil.operator.spec;

/** A spec value the operator cannot use; {@code field} is its path, e.g. {@code spec.interval}. */
public class InvalidSpecException extends Exception {
  private final String field;

  public InvalidSpecException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
