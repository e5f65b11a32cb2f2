package io.qdrantvigil.operator.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdrantvigil.operator.qdrant.Fetch;
import io.qdrantvigil.operator.qdrant.InvalidResponseException;
import io.qdrantvigil.operator.qdrant.PeerId;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads the data view of one watch's cluster, after the node probe. From the chosen node (the
 * agreed leader if healthy, else the first healthy node): the cluster telemetry at level 3, or,
 * below Qdrant 1.17 or when that fails, {@code /collections/{name}/cluster} per collection; the
 * replication factors (cached 10 minutes); and up to 32 cross-check requests to the other healthy
 * nodes. At most 8 requests run at a time, each under the timeout, and the whole read within one
 * timeout (two when the telemetry failed and the fallback runs). One instance per watch: it keeps
 * the caches, the rotation, the divergences found and the last view.
 */
public final class DataProbe {

  public static final int MAX_IN_FLIGHT = 8;
  public static final int MAX_CROSS_CHECKS = 32;
  static final Duration TELEMETRY_RETRY = Duration.ofMinutes(10);
  static final String TELEMETRY_PATH = "/cluster/telemetry?details_level=3";

  private final QdrantClient client;
  private final Clock clock;
  private final ReplicationFactorCache factors = new ReplicationFactorCache();
  private final CrossCheckRotation rotation = new CrossCheckRotation();
  private final Map<CrossCheckRotation.Pair, ViewDifference> differences = new LinkedHashMap<>();
  private final Map<String, Instant> telemetryFailedAt = new HashMap<>();
  private DataView lastView;

  public DataProbe(QdrantClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** With no healthy node the reading has no view and no error: the node warnings already say why. */
  public DataReading read(List<DataSource> healthy, String preferredNode, Duration timeout, String apiKey) {
    if (healthy.isEmpty()) {
      return reading(null, null, 0);
    }
    DataSource chosen = healthy.stream().filter(s -> s.node().equals(preferredNode)).findFirst()
        .orElse(healthy.get(0));
    Instant now = clock.instant();
    BoundedRequests requests = new BoundedRequests(MAX_IN_FLIGHT, timeout);

    CompletableFuture<Fetch<JsonNode>> telemetry = useTelemetry(chosen, now)
        ? requests.submit(true,
            d -> client.getJson(chosen.url(), TELEMETRY_PATH, d, apiKey, QdrantClient.MAX_TELEMETRY_BYTES)) : null;
    Map<String, CompletableFuture<Fetch<JsonNode>>> factorReads = new LinkedHashMap<>();
    for (String name : chosen.collections()) {
      if (factors.due(name, now)) {
        factorReads.put(name, requests.submit(false, d -> client.getJson(chosen.url(), collectionPath(name), d, apiKey)));
      }
    }
    List<DataSource> others = healthy.stream().filter(s -> s != chosen).toList();
    differences.keySet().removeIf(p -> !chosen.collections().contains(p.collection())
        || others.stream().noneMatch(o -> o.node().equals(p.node())));
    Map<CrossCheckRotation.Pair, CompletableFuture<Fetch<JsonNode>>> crossReads = new LinkedHashMap<>();
    for (CrossCheckRotation.Pair pair : rotation.next(chosen.collections(),
        others.stream().map(DataSource::node).toList(), differences.keySet(), MAX_CROSS_CHECKS)) {
      DataSource other = others.stream().filter(o -> o.node().equals(pair.node())).findFirst().orElseThrow();
      crossReads.put(pair, requests.submit(false,
          d -> client.getJson(other.url(), collectionPath(pair.collection()) + "/cluster", d, apiKey)));
    }

    String error = null;
    DataView view = null;
    if (telemetry != null) {
      Fetch<JsonNode> answer = telemetry.join();
      try {
        if (answer instanceof Fetch.Failed<JsonNode> failed) {
          throw new InvalidResponseException(failed.kind().warningType() + ": " + failed.message());
        }
        view = TelemetryViewParser.parse(answer.valueOrNull(), chosen.node(), now);
      } catch (InvalidResponseException e) {
        telemetryFailedAt.put(chosen.url(), now);
        error = "GET /cluster/telemetry on " + chosen.node() + " failed (" + e.getMessage() + ")";
        requests.renewBudget();
      }
    }
    if (view == null) {
      Result fallback = readPerCollection(chosen, requests, apiKey, now);
      view = fallback.view();
      error = fallback.view() != null ? null : (error == null ? "" : error + "; then ") + fallback.error();
    }

    factorReads.forEach((name, read) -> readFactor(name, read.join(), now));
    factors.keepOnly(chosen.collections());
    if (view != null) {
      compareViews(view, crossReads, pairDisplay(healthy), chosen.node());
      lastView = view;
    }
    return reading(view, error, requests.sent());
  }

  private record Result(DataView view, String error) {}

  private Result readPerCollection(DataSource chosen, BoundedRequests requests, String apiKey, Instant now) {
    Map<String, CompletableFuture<Fetch<JsonNode>>> reads = new LinkedHashMap<>();
    for (String name : chosen.collections()) {
      reads.put(name, requests.submit(true,
          d -> client.getJson(chosen.url(), collectionPath(name) + "/cluster", d, apiKey)));
    }
    List<CollectionPlacement> placements = new ArrayList<>();
    int failed = 0;
    String firstError = null;
    for (Map.Entry<String, CompletableFuture<Fetch<JsonNode>>> read : reads.entrySet()) {
      Fetch<JsonNode> answer = read.getValue().join();
      try {
        if (answer instanceof Fetch.Failed<JsonNode> f) {
          if (f.message().startsWith("HTTP 404")) {
            continue;
          }
          throw new InvalidResponseException(f.kind().warningType() + ": " + f.message());
        }
        placements.add(CollectionClusterParser.parse(read.getKey(), answer.valueOrNull()));
      } catch (InvalidResponseException e) {
        failed++;
        firstError = firstError != null ? firstError : read.getKey() + ": " + e.getMessage();
      }
    }
    if (failed > 0) {
      return new Result(null, failed + " of " + reads.size() + " collections could not be read from " + chosen.node()
          + " (first: " + firstError + ")");
    }
    return new Result(new DataView(chosen.node(), DataView.COLLECTIONS, placements, Map.of(), now), null);
  }

  private boolean useTelemetry(DataSource chosen, Instant now) {
    Instant failedAt = telemetryFailedAt.get(chosen.url());
    return QdrantVersion.hasClusterTelemetry(chosen.version())
        && (failedAt == null || !failedAt.plus(TELEMETRY_RETRY).isAfter(now));
  }

  private void readFactor(String name, Fetch<JsonNode> answer, Instant now) {
    if (answer.isOk()) {
      try {
        factors.put(name, ReplicationFactorParser.parse(answer.valueOrNull()), now);
      } catch (InvalidResponseException e) {
        // Left unknown: the collection is judged without its factor until a later read succeeds.
      }
    }
  }

  private void compareViews(DataView view, Map<CrossCheckRotation.Pair, CompletableFuture<Fetch<JsonNode>>> reads,
      Function<PeerId, String> display, String chosenNode) {
    reads.forEach((pair, read) -> {
      Fetch<JsonNode> answer = read.join();
      Optional<CollectionPlacement> mine = view.collection(pair.collection());
      if (!answer.isOk() || mine.isEmpty()) {
        return;
      }
      try {
        CollectionPlacement theirs = CollectionClusterParser.parse(pair.collection(), answer.valueOrNull());
        Optional<String> difference = ReplicaViewDivergence.compare(mine.get(), theirs, chosenNode, display);
        if (difference.isPresent()) {
          differences.put(pair, new ViewDifference(pair.node(), pair.collection(), difference.get()));
        } else {
          differences.remove(pair);
        }
      } catch (InvalidResponseException e) {
        // An unreadable answer says nothing about the node's view; the next check of the pair will.
      }
    });
  }

  private static Function<PeerId, String> pairDisplay(List<DataSource> healthy) {
    Map<PeerId, String> names = new HashMap<>();
    healthy.stream().filter(s -> s.peerId() != null).forEach(s -> names.put(s.peerId(), s.node()));
    return peer -> names.getOrDefault(peer, peer.toString());
  }

  private DataReading reading(DataView view, String error, int sent) {
    boolean fresh = view != null;
    return new DataReading(fresh ? view : lastView, fresh, fresh ? null : error, factors.factors(),
        List.copyOf(differences.values()), sent);
  }

  static String collectionPath(String name) {
    return "/collections/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
