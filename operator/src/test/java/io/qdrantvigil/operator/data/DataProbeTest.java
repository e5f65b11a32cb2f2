package io.qdrantvigil.operator.data;

import static io.qdrantvigil.operator.data.Placements.P0;
import static io.qdrantvigil.operator.data.Placements.P1;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.qdrant.QdrantClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final List<String> NAMES = List.of("products", "users");
  private static final String TELEMETRY = "/cluster/telemetry?details_level=3";

  private final QdrantClient client = new QdrantClient();
  private final List<FakeQdrantNode> nodes = new ArrayList<>();
  private MutableClock clock;
  private FakeQdrantNode leader;
  private FakeQdrantNode follower;

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(Placements.T0);
    leader = node().example(TELEMETRY, "cluster-telemetry-level3-healthy.json")
        .example("/collections/products", "collection-info.json")
        .answer("/collections/users", "{\"result\":{\"config\":{\"params\":{\"replication_factor\":1}}},\"status\":\"ok\"}")
        .example("/collections/products/cluster", "collection-cluster-with-transfer.json");
    follower = node();
  }

  @AfterEach
  void stop() throws Exception {
    for (FakeQdrantNode node : nodes) {
      node.close();
    }
    client.close();
  }

  private FakeQdrantNode node() throws Exception {
    FakeQdrantNode node = new FakeQdrantNode();
    nodes.add(node);
    return node;
  }

  private List<DataSource> sources(String version, List<String> names) {
    return List.of(new DataSource("qdrant-1", follower.url(), P1, version, names),
        new DataSource("qdrant-0", leader.url(), P0, version, names));
  }

  @Test
  void readsTheTelemetryFromTheLeaderAndTheFactorsOnceIn10Minutes() {
    DataProbe probe = new DataProbe(client, clock);
    DataReading first = probe.read(sources("1.19.0", NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(first.fresh()).isTrue();
    assertThat(first.view().via()).isEqualTo(DataView.TELEMETRY);
    assertThat(first.view().node()).isEqualTo("qdrant-0");
    assertThat(first.replicationFactors()).containsEntry("products", 2).containsEntry("users", 1);
    assertThat(leader.count(TELEMETRY)).isEqualTo(1);
    assertThat(first.requests()).isEqualTo(1 + 2 + 2);

    clock.advance(Duration.ofMinutes(9));
    DataReading second = probe.read(sources("1.19.0", NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(second.requests()).isEqualTo(1 + 2);
    assertThat(leader.count("/collections/products")).isEqualTo(1);
    assertThat(second.replicationFactors()).containsEntry("products", 2);

    clock.advance(Duration.ofMinutes(1));
    probe.read(sources("1.19.0", NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(leader.count("/collections/products")).isEqualTo(2);
  }

  @Test
  void belowQdrant117ItReadsEachCollectionsClusterInfo() {
    leader.example("/collections/users/cluster", "collection-cluster.json");
    DataReading reading = new DataProbe(client, clock).read(sources("1.16.3", NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(reading.fresh()).isTrue();
    assertThat(reading.view().via()).isEqualTo(DataView.COLLECTIONS);
    assertThat(reading.view().collections()).extracting(CollectionPlacement::name).containsExactly("products", "users");
    assertThat(leader.count(TELEMETRY)).isZero();
  }

  @Test
  void aTelemetry404FallsBackAtOnceAndForTheNext10Minutes() {
    leader.fail(TELEMETRY, 404).example("/collections/users/cluster", "collection-cluster.json");
    DataProbe probe = new DataProbe(client, clock);
    DataReading first = probe.read(sources(null, NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(first.fresh()).isTrue();
    assertThat(first.view().via()).isEqualTo(DataView.COLLECTIONS);
    probe.read(sources(null, NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(leader.count(TELEMETRY)).isEqualTo(1);
    clock.advance(Duration.ofMinutes(10));
    probe.read(sources(null, NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(leader.count(TELEMETRY)).isEqualTo(2);
  }

  @Test
  void aViewThatCannotBeReadKeepsTheLastOne() {
    DataProbe probe = new DataProbe(client, clock);
    DataView first = probe.read(sources("1.19.0", NAMES), "qdrant-0", TIMEOUT, null).view();
    leader.fail(TELEMETRY, 500).fail("/collections/products/cluster", 500);
    clock.advance(Duration.ofMinutes(1));
    DataReading failed = probe.read(sources("1.19.0", NAMES), "qdrant-0", TIMEOUT, null);
    assertThat(failed.fresh()).isFalse();
    assertThat(failed.view()).isSameAs(first);
    assertThat(failed.error()).startsWith("GET /cluster/telemetry on qdrant-0 failed (InvalidResponse: HTTP 500: boom); "
        + "then 1 of 2 collections could not be read from qdrant-0 (first: products: InvalidResponse: HTTP 500: boom)");
  }

  @Test
  void aHungTelemetryGivesWayToTheFallbackWithinTheSamePoll() {
    leader.slow(TELEMETRY, Duration.ofSeconds(3)).example("/collections/users/cluster", "collection-cluster.json");
    DataReading reading = new DataProbe(client, clock).read(sources("1.19.0", NAMES), "qdrant-0",
        Duration.ofMillis(500), null);
    assertThat(reading.fresh()).isTrue();
    assertThat(reading.view().via()).isEqualTo(DataView.COLLECTIONS);
  }

  @Test
  void aSlowNodeGivesNoViewWithinTheBudget() {
    leader.slow(Duration.ofSeconds(2));
    DataReading reading = new DataProbe(client, clock).read(sources("1.19.0", NAMES), "qdrant-0",
        Duration.ofMillis(300), null);
    assertThat(reading.fresh()).isFalse();
    assertThat(reading.error()).contains("Timeout");
  }

  @Test
  void noHealthyNodeMeansNoView() {
    DataReading reading = new DataProbe(client, clock).read(List.of(), null, TIMEOUT, null);
    assertThat(reading.view()).isNull();
    assertThat(reading.fresh()).isFalse();
    assertThat(reading.error()).isNull();
  }

  @Test
  void aNodeWhoseViewDiffersIsFoundAndForgivenOnceItAgrees() {
    follower.example("/collections/products/cluster", "collection-cluster.json")
        .example("/collections/users/cluster", "collection-cluster.json");
    DataProbe probe = new DataProbe(client, clock);
    DataReading reading = probe.read(sources("1.19.0", List.of("products")), "qdrant-0", TIMEOUT, null);
    assertThat(reading.differences()).singleElement().satisfies(d -> {
      assertThat(d.node()).isEqualTo("qdrant-1");
      assertThat(d.collection()).isEqualTo("products");
      assertThat(d.description()).contains("shard 1 on 1187436102589467 Dead here, Active on qdrant-0");
    });
    follower.answer("/collections/products/cluster", "{\"result\":{\"peer_id\":8735617003849162,\"shard_count\":3,"
        + "\"local_shards\":[{\"shard_id\":0,\"state\":\"Active\"},{\"shard_id\":1,\"state\":\"Active\"}],"
        + "\"remote_shards\":[{\"shard_id\":0,\"peer_id\":5214719862031498,\"state\":\"Active\"},"
        + "{\"shard_id\":1,\"peer_id\":1187436102589467,\"state\":\"Active\"},"
        + "{\"shard_id\":2,\"peer_id\":1187436102589467,\"state\":\"Active\"},"
        + "{\"shard_id\":2,\"peer_id\":5214719862031498,\"state\":\"Active\"}],\"shard_transfers\":[]},\"status\":\"ok\"}");
    assertThat(probe.read(sources("1.19.0", List.of("products")), "qdrant-0", TIMEOUT, null).differences()).isEmpty();
  }

  @Test
  void crossChecksAreAtMost32APollAndRotateThroughEveryPair() throws Exception {
    FakeQdrantNode third = node();
    List<String> names = IntStream.range(0, 40).mapToObj(i -> "c" + i).toList();
    List<DataSource> sources = List.of(new DataSource("qdrant-0", leader.url(), P0, "1.19.0", names),
        new DataSource("qdrant-1", follower.url(), P1, "1.19.0", names),
        new DataSource("qdrant-2", third.url(), Placements.P2, "1.19.0", names));
    DataProbe probe = new DataProbe(client, clock);
    for (int poll = 1; poll <= 3; poll++) {
      probe.read(sources, "qdrant-0", TIMEOUT, null);
      assertThat(follower.paths.size() + third.paths.size()).isEqualTo(32 * poll);
      if (poll == 2) {
        assertThat(follower.paths).doesNotHaveDuplicates();
        assertThat(third.paths).doesNotHaveDuplicates();
      }
    }
    assertThat(java.util.Set.copyOf(follower.paths)).hasSize(40);
    assertThat(java.util.Set.copyOf(third.paths)).hasSize(40);
  }

  @Test
  void atMost8RequestsAreInFlight() {
    List<String> names = IntStream.range(0, 30).mapToObj(i -> "c" + i).toList();
    leader.slow(Duration.ofMillis(50));
    FakeQdrantNode.MOST_IN_FLIGHT.set(0);
    DataReading reading = new DataProbe(client, clock).read(
        List.of(new DataSource("qdrant-0", leader.url(), P0, "1.16.0", names)), "qdrant-0", Duration.ofSeconds(10), null);
    assertThat(reading.requests()).isEqualTo(60);
    assertThat(FakeQdrantNode.MOST_IN_FLIGHT.get()).isBetween(2, DataProbe.MAX_IN_FLIGHT);
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
