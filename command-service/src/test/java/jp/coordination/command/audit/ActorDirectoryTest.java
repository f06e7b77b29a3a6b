package jp.coordination.command.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import jp.coordination.platform.security.Actor;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/** What the actor directory writes, counted on a mocked collection. */
class ActorDirectoryTest {

  @SuppressWarnings("unchecked")
  private final MongoCollection<Document> actors = mock(MongoCollection.class);

  private final ActorDirectory directory =
      new ActorDirectory(
          actors, Clock.fixed(Instant.parse("2026-06-02T03:00:00Z"), ZoneOffset.UTC));

  @Test
  void a_failed_write_is_not_taken_as_written_and_is_tried_again_next_time() {
    Actor actor = new Actor("u-1", "青葉 花子", "COORDINATOR", Set.of());
    given(actors.updateOne(any(Bson.class), any(Bson.class), any(UpdateOptions.class)))
        .willThrow(new MongoTimeoutException("store unreachable"))
        .willReturn(null);

    assertThatThrownBy(() -> directory.remember(actor)).isInstanceOf(MongoTimeoutException.class);
    directory.remember(actor);
    directory.remember(actor);

    then(actors)
        .should(times(2))
        .updateOne(any(Bson.class), any(Bson.class), any(UpdateOptions.class));
  }

  @Test
  void a_new_role_for_the_same_display_name_is_written_again() {
    directory.remember(new Actor("u-2", "泉 太郎", "COORDINATOR", Set.of()));
    directory.remember(new Actor("u-2", "泉 太郎", "CITY_AUDITOR", Set.of()));

    then(actors)
        .should(times(2))
        .updateOne(any(Bson.class), any(Bson.class), any(UpdateOptions.class));
  }
}
