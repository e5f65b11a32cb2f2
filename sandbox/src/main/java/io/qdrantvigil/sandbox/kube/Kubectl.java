package io.qdrantvigil.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real kubectl binary against one kubeconfig. */
public final class Kubectl {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path kubeconfig;
    private final Duration timeout;

    public Kubectl(Path binary, Path kubeconfig) {
        this(binary, kubeconfig, DEFAULT_TIMEOUT);
    }

    private Kubectl(Path binary, Path kubeconfig, Duration timeout) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.timeout = timeout;
    }

    public Kubectl withTimeout(Duration newTimeout) {
        return new Kubectl(binary, kubeconfig, newTimeout);
    }

    public Path binary() {
        return binary;
    }

    /** Runs {@code kubectl args...} to completion; fails if it takes longer than the timeout. */
    public Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code kubectl args...} with {@code stdin} as its standard input (for {@code -f -}). */
    public Result runWithInput(String stdin, String... args) {
        List<String> command = command(args);
        Path input = null;
        Path stdout = null;
        Path stderr = null;
        try {
            input = Files.createTempFile("kubectl-stdin", ".txt");
            stdout = Files.createTempFile("kubectl-stdout", ".txt");
            stderr = Files.createTempFile("kubectl-stderr", ".txt");
            Files.writeString(input, stdin, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .redirectInput(input.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(input, stdout, stderr);
        }
    }

    /** Starts a long-running command such as {@code get -w}; its output is read line by line as it comes. */
    public KubectlStream start(String... args) {
        return KubectlStream.start(command(args));
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig=" + kubeconfig);
        // A cache per binary beside the kubeconfig: kubectl versions differ in what they cache.
        command.add("--cache-dir=" + kubeconfig.resolveSibling("kubectl-cache").resolve(binary.getFileName().toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    /** What one kubectl run produced. */
    public record Result(int exitCode, String stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
