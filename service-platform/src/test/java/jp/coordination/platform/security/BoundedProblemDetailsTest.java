package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Error answers never send a large piece of the request back: rejected values are quoted cut. */
@SpringBootTest(
    classes = ServiceSecurityTest.Service.class,
    properties = {
      "coordination.security.demo-users=true",
      // The local profile's published development key (ProfileGuards.DEVELOPMENT_MASTER_KEY).
      "coordination.personal-data.master-key=ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTAwMDE="
    })
@ActiveProfiles("local")
@AutoConfigureMockMvc
class BoundedProblemDetailsTest {
  private static final String TEN_KB = "Z".repeat(10 * 1024);

  @Autowired MockMvc mvc;

  @Test
  void a_problem_never_echoes_a_large_rejected_value() throws Exception {
    String answer =
        mvc.perform(
                post("/api/cases/1/kind")
                    .with(httpBasic("coordinator", "coordinator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"kind\": \"" + "Z".repeat(90) + "\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("kind"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(answer).doesNotContain("Z".repeat(65)).contains("Z".repeat(64));
  }

  @Test
  void a_10_kb_value_in_a_body_is_not_sent_back() throws Exception {
    String answer =
        mvc.perform(
                post("/api/cases/1/kind")
                    .with(httpBasic("coordinator", "coordinator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"kind\": \"" + TEN_KB + "\"}"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(answer.length()).isLessThan(1500);
    assertThat(answer).doesNotContain("Z".repeat(100));
  }

  @Test
  void a_10_kb_id_in_the_path_is_not_sent_back() throws Exception {
    String answer =
        mvc.perform(get("/api/cases/" + TEN_KB).with(httpBasic("coordinator", "coordinator")))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.instance").value("/api/cases/"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(answer.length()).isLessThan(1500);
    assertThat(answer).doesNotContain("Z".repeat(100));
  }
}
