package jp.coordination.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import org.junit.jupiter.api.Test;

/**
 * A newer producer may add a code to an enumeration without a revision (docs/events.md,
 * "Enumerations"): this build reads it as the enumeration's OTHER where one exists, and refuses the
 * record where none does (the consumer parks it; nothing guesses a meaning).
 */
class UnknownCodesTest {

  private final EventCodec codec = new EventCodec();

  private static String contract(String name) throws IOException {
    try (InputStream in = UnknownCodesTest.class.getResourceAsStream("/contracts/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void an_unknown_decline_reason_is_read_as_other() throws IOException {
    String json =
        contract("EmergencyIntakeDeclined.v1.json")
            .replace("\"reason\" : \"NO_BED\"", "\"reason\" : \"PANDEMIC_CLOSURE\"");

    EventEnvelope envelope = codec.decode(json);

    assertThat(((EmergencyIntakeDeclined) envelope.payload()).reason())
        .isEqualTo(DeclineReason.OTHER);
  }

  @Test
  void an_unknown_code_of_an_enumeration_without_other_is_refused_not_guessed() throws IOException {
    String json = contract("HouseholdContactRecorded.v1.json");
    String kind = json.replaceFirst("(?s).*\"kind\" : \"([A-Z_]+)\".*", "$1");
    String unknown = json.replace("\"kind\" : \"" + kind + "\"", "\"kind\" : \"HOME_ROBOT_ALERT\"");

    assertThat(kind).isNotEqualTo(json);
    assertThatThrownBy(() -> codec.decode(unknown)).isInstanceOf(IllegalArgumentException.class);
  }
}
