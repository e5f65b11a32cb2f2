package io.qdrantvigil.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void peerIdsAboveTwoToTheSixtyFourMinusOneHalfKeepEveryDigit() {
    JsonValue v = JsonValue.parse("{\"a\": 18446744073709551557, \"b\": 66.7, \"c\": -1e3}");

    assertThat(v.get("a").text()).isEqualTo("18446744073709551557");
    assertThat(v.get("b").text()).isEqualTo("66.7");
    assertThat(v.get("c").text()).isEqualTo("-1e3");
  }

  @Test
  void readsStringsEscapesArraysAndLiterals() {
    JsonValue v = JsonValue.parse("""
        {"s": "a\\"b\\\\c\\n\\u00e9", "l": [1, "x", true, false, null, {}], "e": []}
        """);

    assertThat(v.get("s").text()).isEqualTo("a\"b\\c\né");
    assertThat(v.get("l").items()).hasSize(6);
    assertThat(v.get("l").items().get(2).isTrue()).isTrue();
    assertThat(v.get("l").items().get(4).present()).isFalse();
    assertThat(v.get("e").items()).isEmpty();
    assertThat(v.path("missing", "deeper").textOr("-")).isEqualTo("-");
  }

  @Test
  void writesWhatItReadsBack() {
    String text = "{\"n\": 18446744073709551557, \"s\": \"x;\\\"y\\\"\", \"l\": [1, {\"k\": null}], \"o\": {}}";

    Object parsed = Json.parse(text);

    assertThat(Json.parse(Json.write(parsed))).isEqualTo(parsed);
    assertThat(Json.write(parsed)).contains("\"n\": 18446744073709551557");
    assertThat(Json.quote("a\"b\u0001")).isEqualTo("\"a\\\"b\\u0001\"");
  }

  @Test
  void refusesBrokenText() {
    assertThatThrownBy(() -> Json.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("\"open")).isInstanceOf(IllegalArgumentException.class);
  }
}
