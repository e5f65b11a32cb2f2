package io.qdrantvigil.sandbox.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver (built by {@code make tools}) with its own etcd, both on loopback, with state,
 * certificates and logs in one work dir. There is no controller-manager, scheduler or kubelet: whatever
 * they would do, the caller does.
 */
public final class KubeApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeApiServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String ADMIN_USER = "vigil-admin";

    private final SandboxTools tools;
    private final Path workDir;
    private final String url;
    private final String adminToken;
    private final Path kubeconfig;
    private final LoggedProcess etcd;
    private final List<String> apiServerCommand;
    private volatile LoggedProcess apiServer;
    private int apiServerStarts = 1;
    private final Thread shutdownHook;

    private KubeApiServer(SandboxTools tools, Path workDir, String url, String adminToken, Path kubeconfig,
            LoggedProcess etcd, List<String> apiServerCommand, LoggedProcess apiServer) {
        this.tools = tools;
        this.workDir = workDir;
        this.url = url;
        this.adminToken = adminToken;
        this.kubeconfig = kubeconfig;
        this.etcd = etcd;
        this.apiServerCommand = apiServerCommand;
        this.apiServer = apiServer;
        this.shutdownHook = new Thread(this::stopProcesses, "kube-apiserver-shutdown");
    }

    /** Starts etcd and kube-apiserver from the located tools dir and returns once the apiserver is ready. */
    public static KubeApiServer start(Path workDir) {
        return start(SandboxTools.locate(), workDir);
    }

    public static KubeApiServer start(SandboxTools tools, Path workDir) {
        Path apiServerBinary = tools.kubeApiServer();
        Path etcdBinary = tools.etcd();
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir);
            String adminToken = UUID.randomUUID().toString();
            Path tokenFile = workDir.resolve("tokens.csv");
            Files.writeString(tokenFile, adminToken + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n",
                    StandardCharsets.UTF_8);
            ServiceAccountKeys keys = ServiceAccountKeys.writeTo(workDir);

            String etcdUrl = "http://127.0.0.1:" + FreePort.pick();
            String url = "https://127.0.0.1:" + FreePort.pick();
            Path kubeconfig = workDir.resolve("kubeconfig");
            KubeconfigFile.write(kubeconfig, url, adminToken);

            LoggedProcess etcd = LoggedProcess.start("etcd", etcdCommand(etcdBinary, workDir, etcdUrl),
                    workDir.resolve("etcd.log"));
            List<String> apiServerCommand = apiServerCommand(apiServerBinary, workDir, url, etcdUrl, tokenFile, keys);
            LoggedProcess apiServer;
            try {
                apiServer = LoggedProcess.start("kube-apiserver", apiServerCommand,
                        workDir.resolve("kube-apiserver.log"));
            } catch (RuntimeException e) {
                etcd.stop(STOP_GRACE);
                throw e;
            }
            KubeApiServer server = new KubeApiServer(tools, workDir, url, adminToken, kubeconfig, etcd, apiServerCommand,
                    apiServer);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.awaitReady();
            LOG.info("kube-apiserver ready at {} in {} ms (pid {}, etcd pid {}); kubeconfig {}", url,
                    (System.nanoTime() - started) / 1_000_000, apiServer.pid(), etcd.pid(), kubeconfig);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the apiserver's work dir " + workDir, e);
        }
    }

    private static List<String> etcdCommand(Path binary, Path workDir, String clientUrl) {
        String peerUrl = "http://127.0.0.1:" + FreePort.pick();
        return List.of(binary.toString(),
                "--name=vigil",
                "--data-dir=" + workDir.resolve("etcd-data"),
                "--listen-client-urls=" + clientUrl,
                "--advertise-client-urls=" + clientUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=vigil=" + peerUrl,
                "--logger=zap");
    }

    private static List<String> apiServerCommand(Path binary, Path workDir, String url, String etcdUrl,
            Path tokenFile, ServiceAccountKeys keys) {
        return List.of(binary.toString(),
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + URI.create(url).getPort(),
                "--cert-dir=" + workDir.resolve("certs"),
                "--token-auth-file=" + tokenFile,
                "--authorization-mode=RBAC",
                "--etcd-servers=" + etcdUrl,
                "--service-cluster-ip-range=10.0.0.0/24",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-signing-key-file=" + keys.privateKey(),
                "--service-account-key-file=" + keys.publicKey(),
                "--allow-privileged=true",
                // No controller-manager mints service-account tokens, so pods must not require one.
                "--disable-admission-plugins=ServiceAccount");
    }

    private void awaitReady() {
        Config probeConfig = new ConfigBuilder(fabric8Config())
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(1_000)
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(probeConfig).build()) {
            HttpClient http = probe.getHttpClient();
            HttpRequest readyz = http.newHttpRequestBuilder().uri(url + "/readyz").timeout(2, TimeUnit.SECONDS).build();
            while (System.nanoTime() < deadline) {
                for (LoggedProcess process : List.of(etcd, apiServer)) {
                    if (!process.isAlive()) {
                        fail(process.name() + " exited during startup");
                    }
                }
                try {
                    HttpResponse<String> response = http.sendAsync(readyz, String.class).get(3, TimeUnit.SECONDS);
                    if (response.code() == 200) {
                        return;
                    }
                    lastProblem = "/readyz answered " + response.code();
                } catch (ExecutionException | TimeoutException e) {
                    lastProblem = String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for kube-apiserver");
        }
        fail("kube-apiserver not ready within " + READY_TIMEOUT.toSeconds() + " s (last: " + lastProblem + ")");
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(READY_POLL_INTERVAL.toMillis());
    }

    private void fail(String problem) {
        String message = problem + "\n--- " + apiServer.logFile() + " (tail)\n" + apiServer.logTail(30)
                + "\n--- " + etcd.logFile() + " (tail)\n" + etcd.logTail(15);
        close();
        throw new IllegalStateException(message);
    }

    /** {@code https://127.0.0.1:<port>} */
    public String url() {
        return url;
    }

    /** A bearer token of a user in {@code system:masters}. */
    public String adminToken() {
        return adminToken;
    }

    public Path kubeconfigPath() {
        return kubeconfig;
    }

    public Path workDir() {
        return workDir;
    }

    /** Whether both etcd and kube-apiserver are still running. */
    public boolean isRunning() {
        return etcd.isAlive() && apiServer.isAlive();
    }

    /** A fabric8 config for the admin, independent of any kubeconfig or environment of this machine. */
    public Config fabric8Config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOauthToken(adminToken)
                .withTrustCerts(true)
                .withDisableHostnameVerification(true)
                .withNamespace("default")
                .build();
    }

    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(fabric8Config()).build();
    }

    /** kubectl 1.20.2 (the apiserver's version) with this apiserver's kubeconfig. */
    public Kubectl kubectl() {
        return new Kubectl(tools.kubectl(), kubeconfig);
    }

    /** kubectl 1.35 (kustomize built in) with this apiserver's kubeconfig. */
    public Kubectl kubectlCurrent() {
        return new Kubectl(tools.kubectlCurrent(), kubeconfig);
    }

    /** Stops kube-apiserver alone (an outage, an upgrade); etcd and its state stay. */
    public synchronized void stopApiServer() {
        apiServer.stop(STOP_GRACE);
        LOG.info("kube-apiserver stopped; etcd keeps running");
    }

    /** Starts kube-apiserver again on the same port, etcd, certificates and tokens; returns once it is ready. */
    public synchronized void startApiServer() {
        if (apiServer.isAlive()) {
            return;
        }
        apiServerStarts++;
        apiServer = LoggedProcess.start("kube-apiserver", apiServerCommand,
                workDir.resolve("kube-apiserver-" + apiServerStarts + ".log"));
        awaitReady();
        LOG.info("kube-apiserver started again at {} (pid {})", url, apiServer.pid());
    }

    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to: nothing left to unregister.
        }
    }

    private void stopProcesses() {
        if (!apiServer.isAlive() && !etcd.isAlive()) {
            return;
        }
        apiServer.stop(STOP_GRACE);
        etcd.stop(STOP_GRACE);
        LOG.info("kube-apiserver and etcd stopped; logs: {} and {}", apiServer.logFile(), etcd.logFile());
    }
}
