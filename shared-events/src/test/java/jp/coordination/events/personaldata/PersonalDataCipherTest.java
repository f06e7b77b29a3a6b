package jp.coordination.events.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import jp.coordination.events.SampleEvents;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.UnknownEventTypeException;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.PersonalData;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
  private static final String HOUSEHOLD = "0b7f7a0e-3c1d-4a53-9d43-2f4f0c1e8a11";
  private static final PersonalData PERSON = SampleEvents.SAMPLE_PERSON;

  @Test
  void encrypted_personal_data_decrypts_with_its_key_only() {
    byte[] key = PersonalDataCipher.newDataKey();
    EncryptedPersonalData blob = PersonalDataCipher.encrypt(HOUSEHOLD, 1, key, PERSON);
    assertThat(PersonalDataCipher.decrypt(HOUSEHOLD, key, blob)).isEqualTo(PERSON);
    assertThatThrownBy(
            () -> PersonalDataCipher.decrypt(HOUSEHOLD, PersonalDataCipher.newDataKey(), blob))
        .isInstanceOf(PersonalDataUnavailableException.class);
  }

  @Test
  void the_same_data_encrypts_differently_every_time() {
    byte[] key = PersonalDataCipher.newDataKey();
    EncryptedPersonalData a = PersonalDataCipher.encrypt(HOUSEHOLD, 1, key, PERSON);
    EncryptedPersonalData b = PersonalDataCipher.encrypt(HOUSEHOLD, 1, key, PERSON);
    assertThat(a.iv()).isNotEqualTo(b.iv());
    assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
  }

  @Test
  void a_blob_moved_to_another_household_or_key_version_does_not_decrypt() {
    byte[] key = PersonalDataCipher.newDataKey();
    EncryptedPersonalData blob = PersonalDataCipher.encrypt(HOUSEHOLD, 1, key, PERSON);
    EncryptedPersonalData moved =
        new EncryptedPersonalData("other", 1, blob.iv(), blob.ciphertext());
    assertThatThrownBy(() -> PersonalDataCipher.decrypt("other", key, moved))
        .isInstanceOf(PersonalDataUnavailableException.class);
    EncryptedPersonalData otherVersion =
        new EncryptedPersonalData(HOUSEHOLD, 2, blob.iv(), blob.ciphertext());
    assertThatThrownBy(() -> PersonalDataCipher.decrypt(HOUSEHOLD, key, otherVersion))
        .isInstanceOf(PersonalDataUnavailableException.class);
  }

  @Test
  void a_tampered_ciphertext_is_refused() {
    byte[] key = PersonalDataCipher.newDataKey();
    EncryptedPersonalData blob = PersonalDataCipher.encrypt(HOUSEHOLD, 1, key, PERSON);
    byte[] bytes = Base64.getDecoder().decode(blob.ciphertext());
    bytes[0] ^= 1;
    EncryptedPersonalData tampered =
        new EncryptedPersonalData(
            HOUSEHOLD, 1, blob.iv(), Base64.getEncoder().encodeToString(bytes));
    assertThatThrownBy(() -> PersonalDataCipher.decrypt(HOUSEHOLD, key, tampered))
        .isInstanceOf(PersonalDataUnavailableException.class);
  }

  @Test
  void a_wrapped_key_unwraps_only_under_its_master_key_and_context() {
    LocalMasterKey master =
        LocalMasterKey.fromBase64(
            Base64.getEncoder().encodeToString(PersonalDataCipher.newDataKey()));
    byte[] dataKey = PersonalDataCipher.newDataKey();
    byte[] wrapped = master.wrap(dataKey, PersonalDataCipher.keyContext(HOUSEHOLD, 1));
    assertThat(master.unwrap(wrapped, PersonalDataCipher.keyContext(HOUSEHOLD, 1)))
        .isEqualTo(dataKey);
    assertThatThrownBy(() -> master.unwrap(wrapped, PersonalDataCipher.keyContext("other", 1)))
        .isInstanceOf(PersonalDataUnavailableException.class);
    LocalMasterKey another =
        LocalMasterKey.fromBase64(
            Base64.getEncoder().encodeToString(PersonalDataCipher.newDataKey()));
    assertThatThrownBy(() -> another.unwrap(wrapped, PersonalDataCipher.keyContext(HOUSEHOLD, 1)))
        .isInstanceOf(PersonalDataUnavailableException.class);
    assertThat(master.id())
        .isNotEqualTo(another.id())
        .doesNotContain(Base64.getEncoder().encodeToString(dataKey));
  }

  @Test
  void a_master_key_of_the_wrong_length_is_refused_without_echoing_it() {
    assertThatThrownBy(() -> LocalMasterKey.fromBase64("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> LocalMasterKey.fromBase64(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_documented_sample_decrypts_with_the_documented_key() throws Exception {
    byte[] json =
        Files.readAllBytes(
            Path.of("src/test/resources/contracts/AtRiskHouseholdRegistered.v2.json"));
    assertThat(new String(json, StandardCharsets.UTF_8))
        .doesNotContain("仙台 花子")
        .doesNotContain("一番町");
    AtRiskHouseholdRegistered event =
        new EventCodec().decode(json).payloadAs(AtRiskHouseholdRegistered.class);
    byte[] key = Base64.getDecoder().decode(SampleEvents.SAMPLE_DATA_KEY);
    assertThat(PersonalDataCipher.decrypt(HOUSEHOLD, key, event.personalData())).isEqualTo(PERSON);
  }

  @Test
  void revision_1_with_personal_data_in_clear_is_not_read() throws Exception {
    byte[] json =
        Files.readAllBytes(
            Path.of("src/test/resources/contracts/AtRiskHouseholdRegistered.v1.json"));
    assertThatThrownBy(() -> new EventCodec().decode(json))
        .isInstanceOf(UnknownEventTypeException.class);
  }
}
