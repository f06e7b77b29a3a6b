package jp.coordination.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CorrelationIdFilterTest {
  private final CorrelationIdFilter filter = new CorrelationIdFilter();

  private String pass(String header, AtomicReference<String> seenInMdc, MockHttpServletResponse response)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/wards");
    if (header != null) {
      request.addHeader(CorrelationIdFilter.HEADER, header);
    }
    filter.doFilter(request, response, (req, res) -> seenInMdc.set(MDC.get(CorrelationIdFilter.MDC_KEY)));
    assertThat(CorrelationIdFilter.of(request)).isEqualTo(response.getHeader(CorrelationIdFilter.HEADER));
    return response.getHeader(CorrelationIdFilter.HEADER);
  }

  @Test
  void a_callers_token_is_kept_and_is_in_the_logging_context_while_the_request_runs() throws Exception {
    AtomicReference<String> inMdc = new AtomicReference<>();
    assertThat(pass("req-42", inMdc, new MockHttpServletResponse())).isEqualTo("req-42");
    assertThat(inMdc.get()).isEqualTo("req-42");
    assertThat(MDC.get(CorrelationIdFilter.MDC_KEY)).as("removed after the request").isNull();
  }

  @Test
  void a_missing_or_odd_header_gets_a_new_uuid() throws Exception {
    AtomicReference<String> inMdc = new AtomicReference<>();
    assertThat(pass(null, inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(pass("two words", inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(pass("x".repeat(65), inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(pass("a\nFAKE LOG LINE", inMdc, new MockHttpServletResponse())).matches("[0-9a-f-]{36}");
    assertThat(inMdc.get()).matches("[0-9a-f-]{36}");
  }

  @Test
  void it_runs_before_every_other_filter() {
    assertThat(filter.getOrder()).isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
  }
}
