package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @Test
  void urlCredentialsBecomeStarsAndTheRestStaysAsWritten() {
    assertThat(Redaction.request(
        "qdrant-1;collection=products;url=https://backup:s3cr3t@snapshots.example.com/p.snapshot;priority=snapshot",
        true))
        .isEqualTo("qdrant-1;collection=products;url=https://***@snapshots.example.com/p.snapshot;priority=snapshot");
  }

  @Test
  void aPasswordHoldingAnAtSignIsHiddenWhole() {
    assertThat(Redaction.request("url=https://me:p@ss@host/s", true)).isEqualTo("url=https://***@host/s");
  }

  @Test
  void aUserWithoutPasswordIsHiddenToo() {
    assertThat(Redaction.request("url=http://token-only@host/s", true)).isEqualTo("url=http://***@host/s");
  }

  @Test
  void aSemicolonInsideTheUrlSplitsTheRequestSoEverythingFromUrlOnIsHidden() {
    String value = "qdrant-1;collection=c;url=https://user:pa;ss@host/snap";
    assertThat(Redaction.request(value, false)).isEqualTo("qdrant-1;collection=c;url=***");
    assertThat(Redaction.request(value, true)).as("'https://user:pa' is no URL (port 'pa')")
        .isEqualTo("qdrant-1;collection=c;url=***");
  }

  @Test
  void anEncodedSemicolonStaysInsideTheUrlAndIsKeptAsWritten() {
    assertThat(Redaction.request("qdrant-1;collection=c;url=https://user:pa%3Bss@host/snap%3Bv2;priority=replica",
        true)).isEqualTo("qdrant-1;collection=c;url=https://***@host/snap%3Bv2;priority=replica");
  }

  @Test
  void aUrlWithoutSchemeIsNoAbsoluteUrlSoEverythingFromUrlOnIsHidden() {
    assertThat(Redaction.request("qdrant-1;collection=c;url=user:secret@host/x", true))
        .isEqualTo("qdrant-1;collection=c;url=***");
    assertThat(Redaction.request("qdrant-1;collection=c;url=//user:secret@host/x;priority=snapshot", true))
        .isEqualTo("qdrant-1;collection=c;url=***");
  }

  @Test
  void anIpv6HostIsKeptAndItsUserinfoHidden() {
    assertThat(Redaction.request("qdrant-1;collection=c;url=http://user:secret@[2001:db8::1]:9000/s.snapshot", true))
        .isEqualTo("qdrant-1;collection=c;url=http://***@[2001:db8::1]:9000/s.snapshot");
    assertThat(Redaction.request("qdrant-1;collection=c;url=http://[2001:db8::1]/s?sig=abc", true))
        .isEqualTo("qdrant-1;collection=c;url=http://[2001:db8::1]/s?sig=***");
  }

  @Test
  void aRequestThatDoesNotParseHidesEverythingFromUrlOnEvenAValidUrl() {
    assertThat(Redaction.request("qdrant-1;url=https://u:p@h/s;colection=c", false)).isEqualTo("qdrant-1;url=***");
  }

  @Test
  void theUrlOptionIsFoundWhateverItsCaseAndSpacing() {
    assertThat(Redaction.request("qdrant-1; URL=https://u:p@h/s", false)).isEqualTo("qdrant-1; URL=***");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // S3 presigned URL: the signature, credential and session token are secret, the rest is not.
      "https://b.s3.amazonaws.com/p.snapshot?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20250101"
          + "&X-Amz-Security-Token=FQoGZX&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
          + " | https://b.s3.amazonaws.com/p.snapshot?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***"
          + "&X-Amz-Security-Token=***&X-Amz-Signature=***",
      // Azure SAS
      "https://acct.blob.core.windows.net/c/p.snapshot?sv=2022-11-02&se=2025-01-01&sig=abc%2Bdef%3D"
          + " | https://acct.blob.core.windows.net/c/p.snapshot?sv=2022-11-02&se=2025-01-01&sig=***",
      "http://h/s?api_key=k1&x=1 | http://h/s?api_key=***&x=1",
      "http://h/s?APIKEY=k1 | http://h/s?APIKEY=***",
      "http://h/s?x=1&token=t1#frag | http://h/s?x=1&token=***#frag",
      "https://storage.googleapis.com/b/o?X-Goog-Signature=aa11 | https://storage.googleapis.com/b/o?X-Goog-Signature=***",
      "file:///qdrant/snapshots/p.snapshot | file:///qdrant/snapshots/p.snapshot",
  })
  void secretQueryParametersBecomeStars(String written, String recorded) {
    assertThat(Redaction.url(written)).isEqualTo(recorded);
    assertThat(Redaction.request("q;collection=c;url=" + written + ";priority=replica", true))
        .isEqualTo("q;collection=c;url=" + recorded + ";priority=replica");
  }

  @Test
  void valuesWithoutSecretsAreUnchanged() {
    assertThat(Redaction.request("qdrant=5;force", true)).isEqualTo("qdrant=5;force");
    assertThat(Redaction.request("qdrant=5;forse", false)).isEqualTo("qdrant=5;forse");
    assertThat(Redaction.request("qdrant-1;collection=c;url=https://h/s?signed=no&tokens=2", true))
        .isEqualTo("qdrant-1;collection=c;url=https://h/s?signed=no&tokens=2");
    assertThat(Redaction.request("contact ops@example.com", true)).isEqualTo("contact ops@example.com");
  }

  @Test
  void secretsOfAUrlAreItsUserinfoItsPasswordAndSecretParameterValues() {
    assertThat(Redaction.secretsOf("q;url=https://backup:s3cr3t@h/s?sig=ab%2Bcd&x=1"))
        .contains("backup:s3cr3t", "s3cr3t", "ab%2Bcd", "ab+cd");
  }

  @Test
  void secretsOfAnUnparseableUrlAreAllThatFollowsUrl() {
    assertThat(Redaction.secretsOf("q;collection=c;url=https://user:pa;ss@host/snap"))
        .contains("https://user:pa;ss@host/snap", "https://user:pa", "ss@host/snap");
  }

  @Test
  void scrubHidesUrlSecretsAndKnownSecretsInForeignText() {
    String qdrant = "Service internal error: failed to download https://backup:s3cr3t@h/s: 403 (key was my-api-key-1)";
    assertThat(Redaction.scrub(qdrant, List.of("backup:s3cr3t", "my-api-key-1")))
        .isEqualTo("Service internal error: failed to download https://***@h/s: 403 (key was ***)");
    assertThat(Redaction.scrub("fetching https://user:pa;ss@host/snap failed", List.of()))
        .isEqualTo("fetching https://***@host/snap failed");
  }

  @Test
  void scrubLeavesShortPiecesAloneRatherThanGarbleTheText() {
    assertThat(Redaction.scrub("a bad answer", List.of("a"))).isEqualTo("a bad answer");
    assertThat(Redaction.scrub(null, List.of("abcd"))).isNull();
  }
}
