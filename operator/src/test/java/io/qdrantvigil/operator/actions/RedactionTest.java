package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @Test
  void urlCredentialsBecomeStarsAndTheRestStaysAsWritten() {
    assertThat(Redaction.redact(
        "qdrant-1;collection=products;url=https://backup:s3cr3t@snapshots.example.com/p.snapshot;priority=snapshot"))
        .isEqualTo("qdrant-1;collection=products;url=https://***@snapshots.example.com/p.snapshot;priority=snapshot");
  }

  @Test
  void aPasswordHoldingAnAtSignIsHiddenWhole() {
    assertThat(Redaction.redact("url=https://me:p@ss@host/s")).isEqualTo("url=https://***@host/s");
  }

  @Test
  void aUserWithoutPasswordIsHiddenToo() {
    assertThat(Redaction.redact("url=http://token-only@host/s")).isEqualTo("url=http://***@host/s");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // S3 presigned URL: the signature and the session token are secret, the rest is not.
      "https://b.s3.amazonaws.com/p.snapshot?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20250101"
          + "&X-Amz-Security-Token=FQoGZX&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
          + " | https://b.s3.amazonaws.com/p.snapshot?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20250101"
          + "&X-Amz-Security-Token=***&X-Amz-Signature=***",
      // Azure SAS
      "https://acct.blob.core.windows.net/c/p.snapshot?sv=2022-11-02&se=2025-01-01&sig=abc%2Bdef%3D"
          + " | https://acct.blob.core.windows.net/c/p.snapshot?sv=2022-11-02&se=2025-01-01&sig=***",
      "http://h/s?api_key=k1&x=1 | http://h/s?api_key=***&x=1",
      "http://h/s?APIKEY=k1 | http://h/s?APIKEY=***",
      "http://h/s?x=1&token=t1;checksum=00 | http://h/s?x=1&token=***;checksum=00",
      "https://storage.googleapis.com/b/o?X-Goog-Signature=aa11 | https://storage.googleapis.com/b/o?X-Goog-Signature=***",
  })
  void secretQueryParametersBecomeStars(String written, String recorded) {
    assertThat(Redaction.redact(written)).isEqualTo(recorded);
  }

  @Test
  void valuesWithoutSecretsAreUnchanged() {
    assertThat(Redaction.redact("qdrant=5;force")).isEqualTo("qdrant=5;force");
    assertThat(Redaction.redact("qdrant-1;collection=c;url=https://h/s?signed=no&tokens=2"))
        .isEqualTo("qdrant-1;collection=c;url=https://h/s?signed=no&tokens=2");
    assertThat(Redaction.redact("contact ops@example.com")).isEqualTo("contact ops@example.com");
  }

  @Test
  void secretsOfAUrlAreItsUserinfoAndSecretParameterValues() {
    assertThat(Redaction.secretsOf("https://backup:s3cr3t@h/s?sig=abcd&x=1"))
        .containsExactly("backup:s3cr3t", "abcd");
  }

  @Test
  void scrubHidesUrlSecretsAndKnownSecretsInForeignText() {
    String qdrant = "Service internal error: failed to download https://backup:s3cr3t@h/s: 403 (key was my-api-key-1)";
    assertThat(Redaction.scrub(qdrant, List.of("backup:s3cr3t", "my-api-key-1")))
        .isEqualTo("Service internal error: failed to download https://***@h/s: 403 (key was ***)");
  }

  @Test
  void scrubLeavesShortPiecesAloneRatherThanGarbleTheText() {
    assertThat(Redaction.scrub("a bad answer", List.of("a"))).isEqualTo("a bad answer");
    assertThat(Redaction.scrub(null, List.of("abcd"))).isNull();
  }
}
