package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.ZoneOffset;
import jp.coordination.command.audit.ActorDirectory;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The dispatcher keeps every command's actor in the actor directory, so that the audit listing can
 * name the person behind a subject: once per user and display name, and before the command is sent.
 */
class CommandActorDirectoryTest extends CommandApiTestSupport {
  private static final String REQUEST =
      """
      {"ward": "MIYAGINO", "trigger": "CAREGIVER_SUDDEN_ILLNESS", "supportNeeds": ["MEDICAL_CARE"]}
      """;

  @SuppressWarnings("unchecked")
  private final MongoCollection<Document> actors = mock(MongoCollection.class);

  /** The mocked directory does what the real one does, over a collection that counts writes. */
  @BeforeEach
  void realDirectoryOverACountingCollection() {
    ActorDirectory real =
        new ActorDirectory(actors, Clock.fixed(CommandWebTestConfiguration.NOW, ZoneOffset.UTC));
    willAnswer(
            call -> {
              real.remember(call.getArgument(0));
              return null;
            })
        .given(actorDirectory)
        .remember(any());
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
  }

  @Test
  void repeated_commands_by_the_same_user_write_the_directory_once_with_the_tokens_display_name()
      throws Exception {
    for (int i = 0; i < 3; i++) {
      mvc.perform(intakeRequestBy("u-7f3a", "青葉 花子")).andExpect(status().isCreated());
    }

    ArgumentCaptor<Bson> filter = ArgumentCaptor.forClass(Bson.class);
    ArgumentCaptor<Bson> update = ArgumentCaptor.forClass(Bson.class);
    then(actors)
        .should(times(1))
        .updateOne(filter.capture(), update.capture(), any(UpdateOptions.class));
    assertThat(filter.getValue().toBsonDocument())
        .isEqualTo(Filters.eq("_id", "u-7f3a").toBsonDocument());
    assertThat(
            update
                .getValue()
                .toBsonDocument()
                .getDocument("$set")
                .getString("displayName")
                .getValue())
        .isEqualTo("青葉 花子");
    then(commandGateway).should(times(3)).sendAndWait(any());
  }

  @Test
  void a_new_display_name_for_the_same_user_is_written_again() throws Exception {
    mvc.perform(intakeRequestBy("u-8b21", "泉 太郎")).andExpect(status().isCreated());
    mvc.perform(intakeRequestBy("u-8b21", "泉 太郎")).andExpect(status().isCreated());
    mvc.perform(intakeRequestBy("u-8b21", "宮城野 太郎")).andExpect(status().isCreated());

    then(actors)
        .should(times(2))
        .updateOne(any(Bson.class), any(Bson.class), any(UpdateOptions.class));
  }

  @Test
  void a_failed_directory_write_fails_the_command_before_it_is_sent() throws Exception {
    willThrow(new MongoTimeoutException("store unreachable")).given(actorDirectory).remember(any());

    mvc.perform(intakeRequestBy("u-9c44", "若林 一郎")).andExpect(status().is5xxServerError());

    then(commandGateway).shouldHaveNoInteractions();
  }

  /** A coordinator's token of the identity provider: subject and display name. */
  private static MockHttpServletRequestBuilder intakeRequestBy(String subject, String displayName) {
    return post("/api/intakes")
        .with(
            jwt()
                .jwt(token -> token.subject(subject).claim("name", displayName))
                .authorities(new SimpleGrantedAuthority("ROLE_COORDINATOR")))
        .contentType(MediaType.APPLICATION_JSON)
        .content(REQUEST);
  }
}
