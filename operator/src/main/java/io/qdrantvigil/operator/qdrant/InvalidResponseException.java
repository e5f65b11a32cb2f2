package io.qdrantvigil.operator.qdrant;

/** A node answered, but not with the shape Qdrant's API has. */
public class InvalidResponseException extends RuntimeException {
  public InvalidResponseException(String message) {
    super(message);
  }
}
