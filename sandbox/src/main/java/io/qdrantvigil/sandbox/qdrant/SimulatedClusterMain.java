package io.qdrantvigil.sandbox.qdrant;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs a simulated Qdrant cluster on the real clock with its control API, until Ctrl-C.
 *
 * <pre>
 * java -cp ... io.qdrantvigil.sandbox.qdrant.SimulatedClusterMain [--nodes 3] [--control-port 6390]
 *     [--api-key KEY] [--read-only-api-key KEY] [--seed N] [--legacy-peer-ids]
 * </pre>
 */
public final class SimulatedClusterMain {

    static final int DEFAULT_CONTROL_PORT = 6390;
    private static final String USAGE = "usage: SimulatedClusterMain [--nodes N] [--control-port P] [--api-key K] "
            + "[--read-only-api-key K] [--seed N] [--legacy-peer-ids]";

    /** A running cluster with its control API; closing stops both. */
    public record Running(SimulatedCluster cluster, SimulatedClusterControl control) implements AutoCloseable {
        @Override
        public void close() {
            control.close();
            cluster.close();
        }
    }

    private SimulatedClusterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Running running;
        try {
            running = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            System.out.println("Simulated cluster stopped.");
            stopped.countDown();
        }, "qdrant-sim-shutdown"));
        stopped.await();
    }

    /** Starts the cluster and control API as the arguments say, and prints where they are. */
    public static Running launch(String[] args, PrintStream out) {
        ClusterOptions options = ClusterOptions.defaults().withClock(SimClock.system());
        int controlPort = DEFAULT_CONTROL_PORT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--nodes" -> options = options.withNodes(Integer.parseInt(value(args, ++i, arg)));
                case "--control-port" -> controlPort = Integer.parseInt(value(args, ++i, arg));
                case "--api-key" -> options = options.withApiKey(value(args, ++i, arg));
                case "--read-only-api-key" -> options = options.withReadOnlyApiKey(value(args, ++i, arg));
                case "--seed" -> options = options.withSeed(Long.parseLong(value(args, ++i, arg)));
                case "--legacy-peer-ids" -> options = options.withLegacyPeerIds();
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        SimulatedCluster cluster = SimulatedCluster.start(options);
        SimulatedClusterControl control;
        try {
            control = SimulatedClusterControl.start(cluster, controlPort);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        out.printf("Simulated Qdrant %s cluster, %d nodes, real clock%n", ServiceEndpoints.VERSION, options.nodes());
        for (SimulatedNode node : cluster.nodes()) {
            out.printf("  qdrant-%d  %s  peer_id %s  p2p %s%n", node.ordinal(), node.url(), node.peerId(),
                    node.p2pUri());
        }
        out.printf("Control API: %s  (GET /nodes, POST /nodes/{n}/fault/{FAULT}, POST /heal)%n", control.url());
        out.println("QDRANT_NODES=" + cluster.nodes().stream().map(n -> "127.0.0.1:" + n.port())
                .collect(Collectors.joining(";")));
        out.println("Ctrl-C stops.");
        return new Running(cluster, control);
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index];
    }
}
