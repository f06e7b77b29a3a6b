package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurableH2BackendTest {

  @Test
  void writes_and_unknown_commands_wait_for_durability_and_reads_do_not() {
    for (String write : List.of("insert", "update", "delete", "findAndModify", "findandmodify", "createIndexes",
        "dropIndexes", "drop", "dropDatabase", "create", "renameCollection", "someFutureCommand")) {
      assertThat(DurableH2Backend.mayWrite(write, new Document())).as(write).isTrue();
    }
    for (String read : List.of("find", "getMore", "count", "distinct", "listCollections", "listIndexes", "hello",
        "isMaster", "ping", "buildInfo", "endSessions")) {
      assertThat(DurableH2Backend.mayWrite(read, new Document())).as(read).isFalse();
    }
  }

  @Test
  void an_aggregation_writes_only_with_an_out_or_merge_stage() {
    Document match = new Document("$match", new Document("ward", "AOBA"));
    assertThat(DurableH2Backend.mayWrite("aggregate", new Document("pipeline", List.of(match)))).isFalse();
    assertThat(DurableH2Backend.mayWrite("aggregate", new Document("pipeline", List.of(match, new Document("$out", "x")))))
        .isTrue();
    assertThat(DurableH2Backend.mayWrite("aggregate", new Document("pipeline", List.of(new Document("$merge", "x")))))
        .isTrue();
  }
}
