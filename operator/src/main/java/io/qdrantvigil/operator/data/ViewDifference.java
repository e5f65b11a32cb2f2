package io.qdrantvigil.operator.data;

/** A node whose view of a collection's replica states differs from the chosen node's, and how. */
public record ViewDifference(String node, String collection, String description) {

  public ViewDifference {
    description = Texts.cut(description);
  }
}
