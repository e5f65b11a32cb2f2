package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.health.Problem;
import java.util.List;

/**
 * One thing a data rule found. {@code node} is the node the warning goes on (null: the cluster),
 * {@code collections} the collections it concerns (shown in their {@code problems}), {@code shard}
 * the shard when it is about one. A failing finding ({@code ShardUnavailable}) degrades the verdict.
 */
public record DataFinding(String type, String node, List<String> collections, Long shard, String message,
    boolean failing) {

  public DataFinding {
    collections = List.copyOf(collections);
  }

  public static DataFinding about(String type, String node, String collection, Long shard, String message) {
    return new DataFinding(type, node, collection == null ? List.of() : List.of(collection), shard, message, false);
  }

  public Problem toProblem() {
    String text = Texts.cut(message);
    return failing ? Problem.failing(node, type, text, null) : Problem.warning(node, type, text, null);
  }

  /** The short text a collection's {@code problems} list shows. */
  public String shortText() {
    return shard == null ? type : type + " shard " + shard;
  }
}
