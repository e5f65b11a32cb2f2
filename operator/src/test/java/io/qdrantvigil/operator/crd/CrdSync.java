package io.qdrantvigil.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.qdrantvigil.operator.api.QdrantClusterWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step: the CRD generator sorts printer columns by JSON path, so {@code AGE} would come first.
 * This puts them back in the order the resource class declares them (the contract's order), then
 * either writes {@code crds/} ({@code update}) or fails when the committed file differs.
 */
public final class CrdSync {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private CrdSync() {}

  public static void main(String[] args) throws IOException {
    Path generated = Path.of(args[0]);
    Path committed = Path.of(args[1]);
    boolean update = Boolean.parseBoolean(args[2]);
    String wanted = render(generated);
    String present = Files.exists(committed) ? Files.readString(committed) : "";
    if (wanted.equals(present)) {
      return;
    }
    if (update) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, wanted);
      System.out.println("CRD updated: " + committed);
      return;
    }
    throw new IllegalStateException("The committed CRD " + committed
        + " differs from the one generated from the Java classes; run `make crds` and commit it.");
  }

  static String render(Path generated) throws IOException {
    JsonNode crd = YAML.readTree(generated.toFile());
    for (JsonNode version : crd.path("spec").path("versions")) {
      ArrayNode columns = (ArrayNode) version.path("additionalPrinterColumns");
      List<JsonNode> sorted = inDeclaredOrder(columns, declaredColumnNames());
      columns.removeAll();
      columns.addAll(sorted);
    }
    ((ObjectNode) crd).remove("status");
    return "# Generated from operator/src/main/java/io/qdrantvigil/operator/api by `make crds`; do not edit.\n"
        + YAML.writeValueAsString(crd);
  }

  static List<String> declaredColumnNames() {
    return Arrays.stream(QdrantClusterWatch.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
  }

  static List<JsonNode> inDeclaredOrder(ArrayNode columns, List<String> order) {
    List<JsonNode> sorted = new ArrayList<>();
    columns.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(c -> {
      int i = order.indexOf(c.path("name").asText());
      return i < 0 ? Integer.MAX_VALUE : i;
    }));
    return sorted;
  }
}
