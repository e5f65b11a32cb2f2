package io.qdrantvigil.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The user's own kubectl, with the user's kubeconfig, context and flags: whatever authenticates
 * them (exec plugins, OIDC, a proxy) works as it does for kubectl itself, and RBAC and the audit
 * log see the person. Reads go through {@code get --raw}, which needs no API discovery.
 */
final class Kubectl {

  private final String binary;
  private final List<String> globalFlags;

  Kubectl(String binary, List<String> globalFlags) {
    this.binary = binary;
    this.globalFlags = List.copyOf(globalFlags);
  }

  /** The namespace of the current context, {@code default} when it names none. */
  String currentNamespace() throws KubeException {
    String namespace = run("config", "view", "--minify", "-o", "jsonpath={..namespace}").trim();
    return namespace.isEmpty() ? "default" : namespace;
  }

  String getRaw(String path) throws KubeException {
    return run("get", "--raw", path);
  }

  /** A merge patch of the object, as the user (field manager {@code kubectl-vigil}). */
  String mergePatch(String resource, String namespace, String name, String patch) throws KubeException {
    return run("patch", resource, name, "-n", namespace, "--type=merge", "--field-manager=kubectl-vigil",
        "-p", patch, "-o", "name");
  }

  /** {@code get --raw} of a watch URL: one JSON event a line, as the API server sends them. */
  Process startRaw(String path) throws KubeException {
    try {
      return new ProcessBuilder(command("get", "--raw", path))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new KubeException("cannot run " + binary + ": " + e.getMessage());
    }
  }

  private String run(String... args) throws KubeException {
    List<String> command = command(args);
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String stdout = read(process.getInputStream());
      int exit = process.waitFor();
      if (exit != 0) {
        String said = stderr.join().trim();
        throw new KubeException(said.isEmpty() ? binary + " exited with " + exit : said);
      }
      return stdout;
    } catch (IOException e) {
      throw new KubeException("cannot run " + binary + " (set KUBECTL to its path): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeException("interrupted while running kubectl");
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(globalFlags);
    command.addAll(List.of(args));
    return command;
  }

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
