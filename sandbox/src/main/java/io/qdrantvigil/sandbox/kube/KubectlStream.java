package io.qdrantvigil.sandbox.kube;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A running kubectl command (such as {@code get -w}) whose output lines are collected as they arrive. */
public final class KubectlStream implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final List<String> command;
    private final Process process;
    private final List<String> stdoutLines = new CopyOnWriteArrayList<>();
    private final List<String> stderrLines = new CopyOnWriteArrayList<>();

    private KubectlStream(List<String> command, Process process) {
        this.command = command;
        this.process = process;
    }

    static KubectlStream start(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            KubectlStream stream = new KubectlStream(command, process);
            collect(process.getInputStream(), stream.stdoutLines, "kubectl-stdout");
            collect(process.getErrorStream(), stream.stderrLines, "kubectl-stderr");
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static void collect(InputStream from, List<String> into, String threadName) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                lines.lines().forEach(into::add);
            } catch (IOException | UncheckedIOException closedWhenStopped) {
                // The process was stopped; what was read so far stays.
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** The standard output lines so far. */
    public List<String> lines() {
        return List.copyOf(stdoutLines);
    }

    /** The standard error lines so far. */
    public List<String> errorLines() {
        return List.copyOf(stderrLines);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> command() {
        return command;
    }

    /** Stops the command (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
