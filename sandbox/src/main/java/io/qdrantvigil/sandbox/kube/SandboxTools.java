package io.qdrantvigil.sandbox.kube;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The git-ignored folder that {@code sandbox/tools/fetch-tools.sh} fills with kube-apiserver, etcd and
 * kubectl, and the path of each tool in it.
 */
public final class SandboxTools {

    public static final String DIR_PROPERTY = "vigil.tools.dir";
    public static final String DIR_ENV = "VIGIL_TOOLS_DIR";
    static final String DEFAULT_DIR_NAME = ".tools";

    private final Path dir;

    public SandboxTools(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The tools dir named by the system property {@value #DIR_PROPERTY}, else by the environment
     * variable {@value #DIR_ENV}, else the nearest {@code .tools} folder at or above the working directory.
     */
    public static SandboxTools locate() {
        return locate(System.getProperty(DIR_PROPERTY), System.getenv(DIR_ENV), Path.of("").toAbsolutePath());
    }

    static SandboxTools locate(String property, String env, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return new SandboxTools(Path.of(property));
        }
        if (env != null && !env.isBlank()) {
            return new SandboxTools(Path.of(env));
        }
        for (Path candidate = workingDir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve(DEFAULT_DIR_NAME))) {
                return new SandboxTools(candidate.resolve(DEFAULT_DIR_NAME));
            }
        }
        return new SandboxTools(workingDir.resolve(DEFAULT_DIR_NAME));
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

    private Path require(String name) {
        Path binary = dir.resolve("bin").resolve(name);
        if (!Files.isExecutable(binary)) {
            throw new MissingToolException(name, binary);
        }
        return binary;
    }
}
