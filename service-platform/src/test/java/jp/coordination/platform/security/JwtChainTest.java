package jp.coordination.platform.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A service started without the local profile: callers are the identity provider's tokens, read
 * strictly. The decoder stands in for the provider's signature check; the claims are the test's.
 */
@SpringBootTest(
    classes = {ServiceSecurityTest.Service.class, JwtChainTest.Tokens.class},
    properties = {
      "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example/realms/city",
      "spring.security.oauth2.resourceserver.jwt.audiences=coordination",
      // A key of this deployment's own: 32 bytes of 7.
      "coordination.personal-data.master-key=BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="
    })
@AutoConfigureMockMvc
class JwtChainTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Tokens {
    /**
     * Token value = which claims: the provider's signature and audience checks are not under test
     * here.
     */
    @Bean
    JwtDecoder decoder() {
      return token -> {
        Map<String, Object> claims =
            switch (token) {
              case "region" -> Map.of("sub", "u-1", "role", "COORDINATOR", "wards", "*");
              case "aoba" -> Map.of("sub", "u-2", "role", "COORDINATOR", "wards", List.of("AOBA"));
              case "no-ward" -> Map.of("sub", "u-3", "role", "COORDINATOR");
              case "empty-ward" -> Map.of("sub", "u-4", "role", "COORDINATOR", "wards", List.of());
              case "unknown-role" -> Map.of("sub", "u-5", "role", "ADMIN", "wards", "*");
              case "lone-surrogate-sub" ->
                  Map.of("sub", "u-\ud83d", "role", "COORDINATOR", "wards", "*");
              case "control-in-name" ->
                  Map.of("sub", "u-6", "role", "COORDINATOR", "wards", "*", "name", "山田\r\n花子");
              default -> throw new BadJwtException("unknown token");
            };
        return new Jwt(
            token, Instant.now(), Instant.now().plusSeconds(300), Map.of("alg", "RS256"), claims);
      };
    }
  }

  @Autowired MockMvc mvc;

  @Test
  void a_token_with_an_explicit_ward_claim_is_let_through() throws Exception {
    mvc.perform(get("/api/cases/1").header("Authorization", "Bearer region"))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/cases/1").header("Authorization", "Bearer aoba"))
        .andExpect(status().isNotFound());
  }

  @Test
  void a_token_without_a_usable_ward_claim_is_401_problem_json() throws Exception {
    for (String token : List.of("no-ward", "empty-ward")) {
      mvc.perform(get("/api/cases/1").header("Authorization", "Bearer " + token))
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("WWW-Authenticate", "Bearer"))
          .andExpect(jsonPath("$.type").value("urn:coordination:problem:unauthenticated"));
    }
  }

  @Test
  void a_token_with_a_role_outside_the_known_set_is_401() throws Exception {
    mvc.perform(get("/api/cases/1").header("Authorization", "Bearer unknown-role"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void a_subject_with_a_lone_surrogate_is_401_saying_why_and_never_reaches_the_service()
      throws Exception {
    // Let through, the service would answer 404 (and a command would store the subject as the
    // events' actor).
    mvc.perform(get("/api/cases/1").header("Authorization", "Bearer lone-surrogate-sub"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:unauthenticated"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    containsString("sub claim holds control characters or an unpaired surrogate")));
  }

  @Test
  void a_display_name_with_control_characters_is_401_saying_why_in_the_clients_language()
      throws Exception {
    mvc.perform(
            get("/api/cases/1")
                .header("Authorization", "Bearer control-in-name")
                .header("Accept-Language", "ja"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value("urn:coordination:problem:unauthenticated"))
        .andExpect(jsonPath("$.detail").value(containsString("トークンの name クレームに制御文字")));
  }

  @Test
  void without_the_local_profile_the_demo_users_do_not_exist() throws Exception {
    mvc.perform(get("/api/cases/1").with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isUnauthorized());
  }
}
