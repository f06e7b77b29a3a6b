package jp.coordination.query.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.coordination.events.household.PersonalData;
import jp.coordination.query.TestEvents;
import jp.coordination.query.personaldata.HouseholdKeyReader;
import jp.coordination.query.personaldata.ReadRecords;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The read record (閲覧記録) a household detail with personal data leaves behind. */
class HouseholdReadRecordTest {
  private static final Instant NOW = Instant.parse("2026-06-02T03:00:00Z");

  @SuppressWarnings("unchecked")
  private final MongoCollection<Document> accessRecords = mock(MongoCollection.class);

  private final ViewQueries queries = mock(ViewQueries.class);
  private final HouseholdKeyReader keys = mock(HouseholdKeyReader.class);
  private final ViewController controller =
      new ViewController(
          queries,
          mock(IntakeCandidates.class),
          keys,
          new ReadRecords(accessRecords, Clock.fixed(NOW, ZoneOffset.UTC)),
          null);

  @Test
  void a_household_read_is_recorded_under_the_tokens_subject_with_its_display_name() {
    HouseholdView household =
        (HouseholdView) Views.evolve(null, new TestEvents().householdRegistered("h1", "AOBA", NOW));
    given(queries.household("h1")).willReturn(Optional.of(household));
    given(keys.decrypt(any(), any()))
        .willReturn(
            new HouseholdKeyReader.Decrypted(
                new PersonalData("山田 太郎", "青葉区一番町1-1", null, 1950), false));

    controller.household("h1", " 電話確認 ", token("u-7f3a", "青葉 花子"));

    ArgumentCaptor<Document> read = ArgumentCaptor.forClass(Document.class);
    then(accessRecords).should().insertOne(read.capture());
    assertThat(read.getValue().getString("who")).isEqualTo("u-7f3a");
    assertThat(read.getValue().getString("whoName")).isEqualTo("青葉 花子");
    assertThat(read.getValue().getString("role")).isEqualTo("COORDINATOR");
    assertThat(read.getValue().getString("recordId")).isEqualTo("h1");
    assertThat(read.getValue().getString("purpose")).isEqualTo("電話確認");
    assertThat(read.getValue().getString("at")).isEqualTo(NOW.toString());
  }

  /** A region-wide coordinator's token of the identity provider: subject and display name. */
  private static JwtAuthenticationToken token(String subject, String displayName) {
    Jwt jwt =
        new Jwt(
            "t",
            NOW,
            NOW.plusSeconds(60),
            Map.of("alg", "RS256"),
            Map.of("sub", subject, "name", displayName));
    return new JwtAuthenticationToken(
        jwt, List.of(new SimpleGrantedAuthority("ROLE_COORDINATOR")), subject);
  }
}
