package io.qdrantvigil.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OCI image archive, unpacked as a container runtime would: index.json, its one manifest, the
 * config, and the layers extracted in order into a root filesystem.
 */
record OciImage(String refName, String imageName, JsonNode config, Path rootfs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static OciImage unpack(Path archive, Path dir) throws IOException, InterruptedException {
    Path layout = Files.createDirectories(dir.resolve("layout"));
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    run("tar", "-xf", archive.toString(), "-C", layout.toString());
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode descriptor = index.get("manifests").get(0);
    JsonNode manifest = JSON.readTree(blob(layout, descriptor.get("digest").asText()).toFile());
    JsonNode config = JSON.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile());
    for (JsonNode layer : manifest.get("layers")) {
      run("tar", "-xzf", blob(layout, layer.get("digest").asText()).toString(), "-C", rootfs.toString());
    }
    JsonNode annotations = descriptor.get("annotations");
    return new OciImage(annotations.get("org.opencontainers.image.ref.name").asText(),
        annotations.get("io.containerd.image.name").asText(), config.get("config"), rootfs);
  }

  List<String> entrypoint() {
    return strings(config.get("Entrypoint"));
  }

  List<String> env() {
    return strings(config.get("Env"));
  }

  String user() {
    return config.get("User").asText();
  }

  String workingDir() {
    return config.get("WorkingDir").asText();
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
