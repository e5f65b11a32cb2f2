package io.qdrantvigil.sandbox.qdrant;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Prints how fast the simulator answers {@code GET /cluster/telemetry} at scale (10 nodes × 1,000
 * collections and 100 nodes × 50 collections, 3 shards with replication factor 2 each), and what a
 * simulated second of ticks costs with the update stream on. A figure printer, not a test:
 *
 * <pre>
 * ./mvnw -B -q -pl sandbox test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.qdrantvigil.sandbox.qdrant.TelemetryBenchmark
 * </pre>
 */
public final class TelemetryBenchmark {

    private static final int ROUNDS = 15;
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(60)).build();

    private TelemetryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        run(10, 1000);
        run(100, 50);
    }

    private static void run(int nodes, int collections) throws IOException {
        CollectionSpec[] specs = new CollectionSpec[collections];
        for (int i = 0; i < collections; i++) {
            specs[i] = CollectionSpec.of("collection-" + i, 3, 2);
        }
        long bootStart = System.nanoTime();
        try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withSeed(7).withNodes(nodes)
                .withCollections(specs))) {
            double bootMs = (System.nanoTime() - bootStart) / 1e6;
            cluster.setUpdateStream(true);
            cluster.clock().advance(Duration.ofSeconds(10));
            cluster.node(0).raft();
            long tickStart = System.nanoTime();
            cluster.clock().advance(Duration.ofSeconds(10));
            cluster.node(0).raft();
            double tickMsPerSimSecond = (System.nanoTime() - tickStart) / 1e6 / 10;
            String url = cluster.node(nodes / 2).url();
            for (String level : List.of("2", "3")) {
                double[] millis = new double[ROUNDS];
                long bytes = 0;
                for (int round = -3; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    bytes = fetch(url + "/cluster/telemetry?details_level=" + level);
                    if (round >= 0) {
                        millis[round] = (System.nanoTime() - start) / 1e6;
                    }
                }
                Arrays.sort(millis);
                System.out.printf(Locale.ROOT, "%3d nodes x %4d collections, details_level=%s: median %.1f ms, "
                                + "max %.1f ms, %d bytes%n", nodes, collections, level, millis[ROUNDS / 2],
                        millis[ROUNDS - 1], bytes);
            }
            System.out.printf(Locale.ROOT, "%3d nodes x %4d collections: start %.0f ms, one simulated second of "
                    + "ticks with the update stream on %.1f ms%n", nodes, collections, bootMs, tickMsPerSimSecond);
            cluster.stop(nodes - 1);
            cluster.clock().advance(Duration.ofSeconds(1));
            long start = System.nanoTime();
            long bytes = fetch(url + "/cluster/telemetry?details_level=3");
            System.out.printf(Locale.ROOT, "%3d nodes x %4d collections, one peer down: %.1f ms, %d bytes%n",
                    nodes, collections, (System.nanoTime() - start) / 1e6, bytes);
        }
    }

    private static long fetch(String url) throws IOException {
        try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
            if (response.code() != 200) {
                throw new IOException(url + " answered " + response.code());
            }
            return response.body().bytes().length;
        }
    }
}
