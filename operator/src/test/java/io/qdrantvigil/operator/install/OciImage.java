package io.qdrantvigil.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * An OCI image archive, unpacked as a container runtime would: index.json, its one manifest, the
 * config, and the layers extracted in order into a root filesystem, every blob checked against its
 * digest and size and every layer against its diff_id.
 */
record OciImage(String refName, String imageName, JsonNode config, Path rootfs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static OciImage unpack(Path archive, Path dir) throws IOException, InterruptedException {
    Path layout = Files.createDirectories(dir.resolve("layout"));
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    run("tar", "-xf", archive.toString(), "-C", layout.toString());
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode descriptor = index.get("manifests").get(0);
    JsonNode manifest = JSON.readTree(verified(layout, descriptor).toFile());
    JsonNode config = JSON.readTree(verified(layout, manifest.get("config")).toFile());
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    for (int i = 0; i < manifest.get("layers").size(); i++) {
      Path layer = verified(layout, manifest.get("layers").get(i));
      try (InputStream tar = new GZIPInputStream(Files.newInputStream(layer))) {
        if (!sha256(tar).equals(diffIds.get(i).asText())) {
          throw new IllegalStateException("layer " + i + " does not match its diff_id " + diffIds.get(i));
        }
      }
      run("tar", "-xzf", layer.toString(), "-C", rootfs.toString());
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

  /** The blob a descriptor names, once its size and digest are checked, as a runtime checks them. */
  private static Path verified(Path layout, JsonNode descriptor) throws IOException {
    String digest = descriptor.get("digest").asText();
    Path blob = layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    try (InputStream in = Files.newInputStream(blob)) {
      if (Files.size(blob) != descriptor.get("size").asLong() || !sha256(in).equals(digest)) {
        throw new IllegalStateException(blob + " does not match its descriptor " + descriptor);
      }
    }
    return blob;
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
