package io.qdrantvigil.operator.qdrant;

/** The outcome of one request to a node: a value, or a classified failure. */
public sealed interface Fetch<T> {

  record Ok<T>(T value) implements Fetch<T> {}

  record Failed<T>(FailureKind kind, String message) implements Fetch<T> {}

  static <T> Fetch<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Fetch<T> failed(FailureKind kind, String message) {
    return new Failed<>(kind, message);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  default T valueOrNull() {
    return this instanceof Ok<T> ok ? ok.value() : null;
  }
}
