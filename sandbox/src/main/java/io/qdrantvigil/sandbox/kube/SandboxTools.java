package io.qdrantvigil.sandbox.kube;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-machine cache that {@code sandbox/tools/fetch-tools.sh} fills with kube-apiserver, etcd, kubectl,
 * Lua and Prometheus, and the path of each tool in it.
 */
public final class SandboxTools {

    public static final String DIR_PROPERTY = "vigil.tools.dir";
    public static final String DIR_ENV = "VIGIL_TOOLS_DIR";

    private final Path dir;

    public SandboxTools(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The tools dir named by the system property {@value #DIR_PROPERTY}, else by the environment
     * variable {@value #DIR_ENV}, else fetch-tools.sh's default: {@code ${XDG_CACHE_HOME:-~/.cache}/qdrant-vigil/tools}.
     */
    public static SandboxTools locate() {
        return locate(System.getProperty(DIR_PROPERTY), System.getenv(DIR_ENV), System.getenv("XDG_CACHE_HOME"),
                Path.of(System.getProperty("user.home")));
    }

    static SandboxTools locate(String property, String env, String xdgCacheHome, Path home) {
        if (property != null && !property.isBlank()) {
            return new SandboxTools(Path.of(property));
        }
        if (env != null && !env.isBlank()) {
            return new SandboxTools(Path.of(env));
        }
        Path cache = xdgCacheHome != null && !xdgCacheHome.isBlank() ? Path.of(xdgCacheHome) : home.resolve(".cache");
        return new SandboxTools(cache.resolve("qdrant-vigil").resolve("tools"));
    }

    public Path dir() {
        return dir;
    }

    public Path kubeApiServer() {
        return require("kube-apiserver");
    }

    public Path etcd() {
        return require("etcd");
    }

    /** kubectl 1.20.2, the apiserver's own version. */
    public Path kubectl() {
        return require("kubectl");
    }

    /** A current kubectl (1.35) with kustomize built in. */
    public Path kubectlCurrent() {
        return require("kubectl-1.35");
    }

    public Path lua() {
        return require("lua5.1");
    }

    /** Debian's promtool (Prometheus 2.42). */
    public Path promtool() {
        return require("promtool");
    }

    /** Debian's Prometheus server (2.42). */
    public Path prometheus() {
        return require("prometheus");
    }

    private Path require(String name) {
        Path binary = dir.resolve("bin").resolve(name);
        if (!Files.isExecutable(binary)) {
            throw new MissingToolException(name, binary);
        }
        return binary;
    }
}
