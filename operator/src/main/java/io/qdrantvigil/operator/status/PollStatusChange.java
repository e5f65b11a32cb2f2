package io.qdrantvigil.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.health.ClusterAssessment;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a poll does to the status: the new picture when something meaningful in it changed;
 * otherwise the status as it is (no write), except that once a minute the whole picture is
 * written again with {@code lastPollTime}, so a steady watch, healthy or broken in the same way,
 * costs at most one write a minute.
 *
 * <p>Meaningful is everything but the numbers that move at every poll: {@code lastPollTime}, the
 * nodes' {@code lastSeen}, Raft {@code term}, {@code commit} and {@code pendingOperations}, the
 * warnings' {@code error} detail (send-failure counts and times live there), the transfers'
 * {@code progress} and the data memo's last sightings and progress marks.
 */
public final class PollStatusChange {

  public static final Duration REFRESH = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MOVING_NODE_FIELDS = List.of("lastSeen");
  private static final List<String> MOVING_RAFT_FIELDS = List.of("term", "commit", "pendingOperations");
  private static final List<String> MOVING_MEMO_FIELDS = List.of("lastSeen", "progress", "progressAt");

  private PollStatusChange() {}

  public static QdrantClusterWatchStatus apply(QdrantClusterWatchStatus current, ClusterAssessment assessment,
      long generation, Instant now) {
    QdrantClusterWatchStatus next = StatusComposer.compose(assessment, current, generation, now.toString());
    if (current != null && sameMeaning(current, next) && !refreshDue(current, now)) {
      return current;
    }
    return next;
  }

  /** A missing or unreadable {@code lastPollTime} (edited by hand, say) is due: the write repairs it. */
  private static boolean refreshDue(QdrantClusterWatchStatus current, Instant now) {
    if (current.lastPollTime() == null) {
      return true;
    }
    try {
      return !Instant.parse(current.lastPollTime()).plus(REFRESH).isAfter(now);
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** Compared as stored: an empty list or string is left out of the resource, so it reads back as null. */
  static boolean sameMeaning(QdrantClusterWatchStatus a, QdrantClusterWatchStatus b) {
    return meaning(a).equals(meaning(b));
  }

  private static JsonNode meaning(QdrantClusterWatchStatus status) {
    ObjectNode tree = JSON.valueToTree(status);
    tree.remove("lastPollTime");
    tree.path("warnings").forEach(w -> ((ObjectNode) w).remove("error"));
    tree.path("transfers").forEach(t -> ((ObjectNode) t).remove("progress"));
    tree.path("dataMemo").path("transfers").forEach(t -> ((ObjectNode) t).remove(MOVING_MEMO_FIELDS));
    tree.path("nodes").forEach(n -> {
      ((ObjectNode) n).remove(MOVING_NODE_FIELDS);
      if (n.path("raft").isObject()) {
        ((ObjectNode) n.get("raft")).remove(MOVING_RAFT_FIELDS);
      }
    });
    return tree;
  }
}
