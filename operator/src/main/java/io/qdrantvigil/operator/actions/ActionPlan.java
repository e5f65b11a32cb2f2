package io.qdrantvigil.operator.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;
import okhttp3.HttpUrl;

/** An action resolved against the watch's cluster: exact targets, ready to run. */
public sealed interface ActionPlan {

  /** What it does, in words fit for status and Events (no secrets). */
  String describe();

  record DeletePod(String namespace, String pod, boolean force) implements ActionPlan {
    @Override
    public String describe() {
      return force ? "delete pod " + pod + " with grace period 0" : "evict pod " + pod;
    }
  }

  record Restart(String namespace, String statefulSet) implements ActionPlan {
    @Override
    public String describe() {
      // A verb phrase like the others: a dry run reports "would " + describe().
      return "restart StatefulSet " + statefulSet + " (rolling)";
    }
  }

  /** {@code order}: the pods in the order they restart, the leader last. */
  record RestartSafely(String namespace, String statefulSet, List<String> order) implements ActionPlan {
    @Override
    public String describe() {
      return "restart the pods of StatefulSet " + statefulSet + " one at a time, Qdrant-aware, in this order: "
          + String.join(", ", order);
    }
  }

  /** A POST /collections/{collection}/cluster to {@code nodeUrl}; move and replicate are followed until they end. */
  record ShardOperation(String nodeName, String nodeUrl, String collection, ObjectNode body, String description,
      ShardOperations.Follow follow) implements ActionPlan {
    public String pathAndQuery() {
      String segment = new HttpUrl.Builder().scheme("http").host("h").addPathSegment(collection).build()
          .encodedPath().substring(1);
      return "/collections/" + segment + "/cluster?timeout=" + RemovePeer.TIMEOUT_SECONDS;
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /** Down from {@code from} to {@code to}, each leaving pod emptied before it goes. */
  record DrainingScale(String namespace, String statefulSet, int from, int to) implements ActionPlan {
    @Override
    public String describe() {
      return "scale StatefulSet " + statefulSet + " down from " + from + " to " + to + " replicas, moving the"
          + " replicas off each leaving pod first";
    }
  }

  record Cancel() implements ActionPlan {
    @Override
    public String describe() {
      return "cancel the running multi-step action";
    }
  }

  record Scale(String namespace, String statefulSet, int from, int to) implements ActionPlan {
    @Override
    public String describe() {
      return "scale StatefulSet " + statefulSet + " from " + from + " to " + to + " replicas";
    }
  }

  /** Qdrant waits up to {@code timeout} seconds for the removal to be committed (its default, 10). */
  record RemovePeer(String nodeName, String nodeUrl, PeerId peer, boolean force) implements ActionPlan {
    public static final int TIMEOUT_SECONDS = 10;

    public String pathAndQuery() {
      return "/cluster/peer/" + peer + "?force=" + force + "&timeout=" + TIMEOUT_SECONDS;
    }

    @Override
    public String describe() {
      return "remove peer " + peer + (force ? " with force" : "") + " through node " + nodeName;
    }
  }

  /** {@code location} may hold credentials: it goes into the request body only. */
  record Recover(String nodeName, String nodeUrl, String collection, String location, String priority,
      String checksum) implements ActionPlan {

    public String pathAndQuery() {
      String segment = new HttpUrl.Builder().scheme("http").host("h").addPathSegment(collection).build()
          .encodedPath().substring(1);
      return "/collections/" + segment + "/snapshots/recover?wait=true";
    }

    public ObjectNode body() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("location", location);
      if (priority != null) {
        body.put("priority", priority);
      }
      if (checksum != null) {
        body.put("checksum", checksum);
      }
      return body;
    }

    @Override
    public String describe() {
      return "recover collection " + collection + " on " + nodeName + " from " + Redaction.url(location);
    }

    @Override
    public String toString() {
      return "Recover[" + describe() + "]";
    }
  }

  record Poll() implements ActionPlan {
    @Override
    public String describe() {
      return "poll now";
    }
  }
}
