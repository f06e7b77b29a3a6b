package jp.coordination.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CorrelationIdFilterTest {
  private final CorrelationIdFilter filter = new CorrelationIdFilter();

  private String pass(
      String header, AtomicReference<String> seenInMdc, MockHttpServletResponse response)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/wards");
    if (header != null) {
      request.addHeader(CorrelationIdFilter.HEADER, header);
    }
    filter.doFilter(
        request, response, (req, res) -> seenInMdc.set(MDC.get(CorrelationIdFilter.MDC_KEY)));
    assertThat(CorrelationIdFilter.of(request))
        .isEqualTo(response.getHeader(CorrelationIdFilter.HEADER));
    return response.getHeader(CorrelationIdFilter.HEADER);
  }

  @Test
  void a_callers_token_is_kept_and_is_in_the_logging_context_while_the_request_runs()
      throws Exception {
    AtomicReference<String> inMdc = new AtomicReference<>();
    assertThat(pass("req-42", inMdc, new MockHttpServletResponse())).isEqualTo("req-42");
    assertThat(inMdc.get()).isEqualTo("req-42");
    assertThat(MDC.get(CorrelationIdFilter.MDC_KEY)).as("removed after the request").isNull();
  }

  @Test
  void what_the_request_put_into_the_logging_context_further_in_is_gone_once_it_is_answered()
      throws Exception {
    MDC.put("job", "sweep");
    try {
      filter.doFilter(
          new MockHttpServletRequest("POST", "/api/intakes"),
          new MockHttpServletResponse(),
          (req, res) -> {
            MDC.put(UserLogContextFilter.MDC_KEY, "coordinator");
            MDC.put("commandId", "9a9b9c9d-0000-4000-8000-000000000001");
          });
      assertThat(MDC.getCopyOfContextMap())
          .as("the thread's own context, as before")
          .containsExactly(entry("job", "sweep"));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void a_missing_or_odd_header_gets_a_new_uuid() throws Exception {
    AtomicReference<String> inMdc = new AtomicReference<>();
    assertThat(pass(null, inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(pass("two words", inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(pass("x".repeat(65), inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(pass("a\nFAKE LOG LINE", inMdc, new MockHttpServletResponse()))
        .matches("[0-9a-f-]{36}");
    assertThat(inMdc.get()).matches("[0-9a-f-]{36}");
  }

  @Test
  void it_runs_before_every_other_filter() {
    assertThat(filter.getOrder()).isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
  }
}
