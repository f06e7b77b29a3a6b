package jp.coordination.query.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;

class FailureDetailTest {

  @Test
  void a_projection_failure_is_told_by_class_and_message() {
    assertThat(FailureDetail.of(new DateTimeException("Invalid value for EpochDay")))
        .isEqualTo("java.time.DateTimeException: Invalid value for EpochDay");
  }

  @Test
  void a_parsers_message_which_quotes_the_record_is_left_out() {
    JsonParseException parse =
        new JsonParseException(null, "Unexpected character ('山' (code 23665))");
    assertThat(FailureDetail.of(parse)).isEqualTo("com.fasterxml.jackson.core.JsonParseException");
    assertThat(FailureDetail.of(new UncheckedIOException("bad", parse)))
        .isEqualTo("java.io.UncheckedIOException");
    assertThat(FailureDetail.of(new IllegalArgumentException("x", parse)))
        .isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void a_long_message_is_cut() {
    assertThat(FailureDetail.of(new IllegalStateException("x".repeat(1000))))
        .hasSize(FailureDetail.MAX_LENGTH);
  }
}
