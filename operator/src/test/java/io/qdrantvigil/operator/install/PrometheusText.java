package io.qdrantvigil.operator.install;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in the Prometheus text format, parsed: samples with their labels, and each family's TYPE. */
record PrometheusText(List<Sample> samples, Map<String, String> types) {

  record Sample(String name, Map<String, String> labels, double value) {
    boolean has(Map<String, String> wanted) {
      return labels.entrySet().containsAll(wanted.entrySet());
    }
  }

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches()) {
          throw new IllegalArgumentException("not a Prometheus sample: " + line);
        }
        Map<String, String> labels = new HashMap<>();
        if (sample.group(2) != null) {
          Matcher label = LABEL.matcher(sample.group(2));
          while (label.find()) {
            labels.put(label.group(1), label.group(2));
          }
        }
        samples.add(new Sample(sample.group(1), Map.copyOf(labels), Double.parseDouble(sample.group(3))));
      }
    }
    return new PrometheusText(samples, types);
  }

  List<Sample> all(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The one sample of {@code name} with at least these labels, if there is exactly one. */
  Optional<Double> value(String name, Map<String, String> labels) {
    List<Sample> matching = all(name, labels);
    if (matching.size() > 1) {
      throw new IllegalStateException(matching.size() + " samples of " + name + " match " + labels + ": " + matching);
    }
    return matching.stream().findFirst().map(Sample::value);
  }
}
