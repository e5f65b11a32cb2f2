package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrantvigil.operator.qdrant.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionParserTest {

  private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void removePeerTakesAnIdAbove2To63WithForceAndDryRun() throws ActionRefused {
    assertThat(ActionParser.parse("remove-peer", " 17293822569102704642 ; force ;dry-run "))
        .isEqualTo(new ActionRequest.RemovePeer(PeerId.parse("17293822569102704642"), null, true, false, true));
    assertThat(ActionParser.parse("remove-peer", "qdrant-2;force;drop-data"))
        .isEqualTo(new ActionRequest.RemovePeer(null, "qdrant-2", true, true, false));
    assertThat(ActionParser.parse("remove-peer", "8735617003849162"))
        .isEqualTo(new ActionRequest.RemovePeer(PeerId.parse("8735617003849162"), null, false, false, false));
  }

  @Test
  void deletePodRestartAndScale() throws ActionRefused {
    assertThat(ActionParser.parse("delete-pod", "qdrant-1;force"))
        .isEqualTo(new ActionRequest.DeletePod("qdrant-1", true, false));
    assertThat(ActionParser.parse("restart", "qdrant;dry-run"))
        .isEqualTo(new ActionRequest.Restart("qdrant", false, true));
    assertThat(ActionParser.parse("restart", "qdrant;safe")).isEqualTo(new ActionRequest.Restart("qdrant", true, false));
    assertThat(ActionParser.parse("scale", "qdrant = 5 ;force"))
        .isEqualTo(new ActionRequest.Scale("qdrant", 5, false, true, false));
  }

  @Test
  void scaleToZeroParsesSoTheGuardCanSayWhyItIsRefused() throws ActionRefused {
    assertThat(ActionParser.parse("scale", "qdrant=0"))
        .isEqualTo(new ActionRequest.Scale("qdrant", 0, false, false, false));
    assertThat(ActionParser.parse("scale", "qdrant=2;drain"))
        .isEqualTo(new ActionRequest.Scale("qdrant", 2, true, false, false));
  }

  @Test
  void recoverWithEveryOptionAndATrailingSemicolon() throws ActionRefused {
    String url = "https://user:pa55@snapshots.example.com/products.snapshot?X-Amz-Signature=abc";
    assertThat(ActionParser.parse("recover",
        "qdrant-1;collection=products;url=" + url + ";priority=no_sync;checksum=" + SHA + ";"))
        .isEqualTo(new ActionRequest.Recover("qdrant-1", "products", url, "no_sync", SHA, false));
  }

  @Test
  void recoverWithTheRequiredOptionsOnlyAndAFileUrl() throws ActionRefused {
    assertThat(ActionParser.parse("recover", "8735617003849162;url=file:///qdrant/snapshots/c.snapshot;collection=c"))
        .isEqualTo(new ActionRequest.Recover("8735617003849162", "c", "file:///qdrant/snapshots/c.snapshot", null, null,
            false));
  }

  @Test
  void pollTakesAnyValueAndNoticesDryRun() throws ActionRefused {
    assertThat(ActionParser.parse("poll", "now, please; whatever=1")).isEqualTo(new ActionRequest.Poll(false));
    assertThat(ActionParser.parse("poll", "")).isEqualTo(new ActionRequest.Poll(false));
    assertThat(ActionParser.parse("poll", "now;dry-run")).isEqualTo(new ActionRequest.Poll(true));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scale       | abc                                  | scale needs STATEFULSET=REPLICAS, got 'abc'",
      "scale       | qdrant=abc                           | replicas 'abc' is not a whole number",
      "scale       | qdrant=-1                            | replicas '-1' is not a whole number",
      "scale       | qdrant=99999999999                   | replicas '99999999999' is not a whole number",
      "scale       | =3                                   | missing target",
      "delete-pod  | qdrant-1;forse                       | unknown option 'forse' for delete-pod (allowed: dry-run, force)",
      "delete-pod  | qdrant-1;force;force                 | option 'force' given twice",
      "delete-pod  | qdrant-1;force=true                  | option 'force' takes no value",
      "delete-pod  | ''                                   | missing target",
      "delete-pod  | ;force                               | missing target",
      "delete-pod  | Qdrant_1                             | 'Qdrant_1' is not a valid pod name",
      "restart     | qdrant;force                         | unknown option 'force' for restart (allowed: dry-run, safe)",
      "remove-peer | Qdrant_1                             | 'Qdrant_1' is neither a peer id (an unsigned 64-bit integer) nor a pod name",
      "remove-peer | -5                                   | '-5' is neither a peer id",
      "remove-peer | +5                                   | '+5' is neither a peer id",
      "remove-peer | 18446744073709551616                 | peer id '18446744073709551616' is not an unsigned 64-bit",
      "remove-peer | 5;dry-run;dry-run                    | option 'dry-run' given twice",
      "recover     | qdrant-1;url=https://h/s             | missing collection=NAME",
      "recover     | qdrant-1;collection=c                | missing url=SNAPSHOT_URL",
      "recover     | qdrant-1;collection=;url=https://h/s | option 'collection' needs a value",
      "recover     | qdrant-1;collection;url=https://h/s  | option 'collection' needs a value",
      "recover     | qdrant-1;collection=a/b;url=https://h/s | collection 'a/b' is not a Qdrant collection name",
      "recover     | qdrant-1;collection=c;url=ftp://h/s  | url is not an absolute http(s):// or file:/// URL (a ';' inside it must be written %3B)",
      "recover     | qdrant-1;collection=c;url=https://   | url is not an absolute http(s):// or file:/// URL (a ';' inside it must be written %3B)",
      "recover     | qdrant-1;collection=c;url=https://h/s;priority=fast | priority is not one of replica, snapshot, no_sync",
      "recover     | qdrant-1;collection=c;url=https://h/s;checksum=abc | checksum is not a SHA-256 (64 hexadecimal characters)",
      "recover     | qdrant-1;url=https://h/s;colection=d | an option after url= is unknown (allowed: dry-run, checksum=, collection=, priority=, url=); a ';' inside the URL must be written %3B",
      "recover     | qdrant-1;colection=d;url=https://h/s | unknown option 'colection' for recover (allowed: dry-run, checksum=, collection=, priority=, url=)",
      "recover     | qdrant-1;collection=c;collection=d;url=https://h/s | option 'collection' given twice",
      "recover     | ;collection=c;url=https://h/s        | missing target",
  })
  void malformedValuesAreRefusedNamingTheMistake(String action, String value, String mistake) {
    assertThatThrownBy(() -> ActionParser.parse(action, value))
        .isInstanceOf(ActionRefused.class)
        .hasMessageStartingWith("malformed value: ")
        .hasMessageContaining(mistake);
  }

  @Test
  void shardOperationsAndCancel() throws ActionRefused {
    assertThat(ActionParser.parse("move-shard", "my products/12;from=qdrant-0;to=8735617003849162;method=snapshot"))
        .isEqualTo(new ActionRequest.ShardOperation("move-shard", "my products", 12, "qdrant-0", "8735617003849162",
            "snapshot", false, false));
    assertThat(ActionParser.parse("drop-replica", "products/0;peer=qdrant-1;force"))
        .isEqualTo(new ActionRequest.ShardOperation("drop-replica", "products", 0, "qdrant-1", null, null, true,
            false));
    assertThat(ActionParser.parse("cancel", "now")).isEqualTo(new ActionRequest.Cancel(false));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "move-shard      | products;from=qdrant-0;to=qdrant-1   | move-shard needs COLLECTION/SHARD, got 'products'",
      "move-shard      | products/x;from=qdrant-0;to=qdrant-1 | shard 'x' is not a shard number",
      "move-shard      | products/1;from=qdrant-0             | missing to=POD_OR_PEER",
      "move-shard      | products/1;from=a;to=b;method=fast   | method 'fast' is not one of stream_records, snapshot",
      "abort-transfer  | products/1;from=a;to=b;method=wal_delta | unknown option 'method' for abort-transfer",
      "drop-replica    | products/1                           | missing peer=POD_OR_PEER",
      "replicate-shard | products/1;from=a;to=b;force         | unknown option 'force' for replicate-shard",
  })
  void malformedShardOperationsAreRefusedNamingTheMistake(String action, String value, String mistake) {
    assertThatThrownBy(() -> ActionParser.parse(action, value)).hasMessageContaining(mistake);
  }

  @Test
  void anUnknownActionIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> ActionParser.parse("reboot", "qdrant-0"))
        .isInstanceOf(ActionRefused.class)
        .hasMessage("unknown action 'reboot' (known: "
            + "remove-peer, delete-pod, restart, scale, recover, move-shard, replicate-shard, abort-transfer, "
            + "drop-replica, cancel, poll)");
  }

  @Test
  void aRefusedUrlIsNotEchoed() {
    assertThatThrownBy(() -> ActionParser.parse("recover", "qdrant-1;collection=c;url=gopher://u:hunter22@h/x"))
        .hasMessageNotContaining("hunter22").hasMessageNotContaining("gopher");
  }

  @Test
  void whatASemicolonCutFromAUrlIsNotEchoed() {
    assertThatThrownBy(() -> ActionParser.parse("recover", "qdrant-1;collection=c;url=https://h/s?sig=abc;defghijk"))
        .hasMessageNotContaining("defghijk");
    assertThatThrownBy(() -> ActionParser.parse("recover", "qdrant-1;collection=c;url=https://user:pa;ss@host/snap"))
        .hasMessageNotContaining("ss@host");
  }

  @Test
  void theRecoverRequestDoesNotPrintItsUrlCredentials() throws ActionRefused {
    assertThat(ActionParser.parse("recover", "qdrant-1;collection=c;url=https://u:hunter22@h/x").toString())
        .doesNotContain("hunter22");
  }
}
