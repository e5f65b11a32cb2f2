package io.qdrantvigil.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdSyncTest {

  @Test
  void columnsFollowTheContractOrder() {
    assertThat(CrdSync.declaredColumnNames())
        .containsExactly("STATUS", "HEALTHY", "LEADER", "HEALTH%", "DATA", "WARNINGS", "AGE", "DISCOVERY", "LAST POLL");
  }

  @Test
  void committedCrdHasColumnsInContractOrderAndWideOnesAtPriorityOne() throws Exception {
    Path committed = Path.of(System.getProperty("user.dir")).resolveSibling("crds")
        .resolve("qdrantclusterwatches.qdrantvigil.io-v1.yml");
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(committed));
    JsonNode version = crd.path("spec").path("versions").get(0);
    List<String> names = new ArrayList<>();
    List<Integer> priorities = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(c -> {
      names.add(c.path("name").asText());
      priorities.add(c.path("priority").asInt());
    });
    assertThat(names).containsExactly("STATUS", "HEALTHY", "LEADER", "HEALTH%", "DATA", "WARNINGS", "AGE", "DISCOVERY", "LAST POLL");
    assertThat(priorities).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1);
    assertThat(version.path("subresources").has("status")).isTrue();
  }
}
