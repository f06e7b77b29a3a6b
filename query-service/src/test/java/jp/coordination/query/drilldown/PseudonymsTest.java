package jp.coordination.query.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

  private final byte[] key = new byte[32];

  @Test
  void the_same_aggregate_gets_the_same_pseudonym_and_others_and_other_keys_a_different_one() {
    Pseudonyms pseudonyms = new Pseudonyms(key);
    String one = pseudonyms.of("EmergencyIntake", "i-1");

    assertThat(new Pseudonyms(key.clone()).of("EmergencyIntake", "i-1")).isEqualTo(one);
    assertThat(pseudonyms.of("EmergencyIntake", "i-2")).isNotEqualTo(one);
    assertThat(pseudonyms.of("Household", "i-1")).as("the type is part of it").isNotEqualTo(one);
    byte[] other = key.clone();
    Arrays.fill(other, (byte) 7);
    assertThat(new Pseudonyms(other).of("EmergencyIntake", "i-1")).isNotEqualTo(one);
  }

  @Test
  void a_pseudonym_has_128_bits_in_url_safe_characters_and_shows_nothing_of_the_id() {
    String pseudonym = new Pseudonyms(key).of("Household", "household-0001");

    assertThat(pseudonym).matches("p-[A-Za-z0-9_-]{22}").doesNotContain("0001");
  }
}
