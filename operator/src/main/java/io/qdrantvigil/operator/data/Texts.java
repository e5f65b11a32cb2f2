package io.qdrantvigil.operator.data;

/** Every string a node sends (states, names, comments, methods) is cut to the contract's 300 characters. */
public final class Texts {

  public static final int MAX = 300;

  private Texts() {}

  public static String cut(String text) {
    if (text == null || text.length() <= MAX) {
      return text;
    }
    return text.substring(0, MAX - 1) + "…";
  }
}
