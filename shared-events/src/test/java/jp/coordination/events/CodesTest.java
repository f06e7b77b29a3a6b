package jp.coordination.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.coordination.events.capacity.ParticipantKind;
import org.junit.jupiter.api.Test;

class CodesTest {

  @Test
  void counts_are_kept_in_declaration_order_without_zeros() {
    Map<ParticipantKind, Integer> given = new LinkedHashMap<>();
    given.put(ParticipantKind.OTHER, 2);
    given.put(ParticipantKind.MEDICAL, 0);
    given.put(ParticipantKind.CONSULTATION_SPECIALIST, 5);
    assertThat(Codes.normalisedCounts(given).entrySet().stream().map(Map.Entry::getKey).toList())
        .containsExactly(ParticipantKind.CONSULTATION_SPECIALIST, ParticipantKind.OTHER);
    assertThat(Codes.<ParticipantKind>normalisedCounts(null)).isEmpty();
  }

  @Test
  void text_codes_are_sorted_without_duplicates() {
    assertThat(Codes.normalisedText(List.of("WAKABAYASHI", "AOBA", "AOBA")))
        .containsExactly("AOBA", "WAKABAYASHI");
    assertThat(Codes.normalisedText(null)).isEmpty();
  }
}
