package jp.coordination.command.security;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.events.AggregateType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every command endpoint × every demo user × the addressed record in the user's own ward (AOBA) or
 * another (IZUMI). Region-wide users act on AOBA. One line per endpoint; read it as the access
 * rule. {F} is a facility the demo user {@code facility} answers for, {G} one it does not answer
 * for (any facility registered after start-up): a facility account acts only in the name of its own
 * facilities. The annual plan belongs to the whole region, so a ward-scoped coordinator may not set
 * it.
 */
class CommandAuthorizationMatrixTest extends CommandApiTestSupport {

  private static final String MATRIX =
      """
      endpoint                                   | none | coordinator | aoba-coordinator:own | aoba-coordinator:other | facility | aoba-council | city-council | auditor | analyst | operator
      POST /api/households                       | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/households/{H}/reassessments     | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/households/{H}/moves             | 401  | 200         | 403                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/households/{H}/deregistration    | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/households/{H}/erasure           | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/intakes                          | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/intakes/{I}/declines             | 401  | 200         | 200                  | 403                    | 200      | 403          | 403          | 403     | 403     | 403
      POST /api/intakes/{I}/declines by {G}      | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/intakes/{I}/placement            | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/intakes/{I}/completion           | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/intakes/{I}/cancellation         | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/cosupports                       | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/cosupports/{C}/activities        | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/cosupports/{C}/closure           | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/facilities                       | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/facilities/{F}/availability      | 401  | 200         | 200                  | 403                    | 200      | 403          | 403          | 403     | 403     | 403
      POST /api/facilities/{G}/availability      | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/households/{H}/contacts          | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/experience-stays                 | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/experience-stays/{S}/start       | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/experience-stays/{S}/completion  | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/experience-stays/{S}/cancellation| 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/capacity-activities              | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/capacity-activities/{A}/correction | 401 | 200        | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/capacity-activities/{A}/withdrawal | 401 | 200        | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/community-issues                 | 401  | 201         | 201                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/community-issues/{Q}/discussion  | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/community-issues/{Q}/proposal    | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      POST /api/community-issues/{Q}/closure     | 401  | 200         | 200                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      PUT  /api/plans/{Y}                        | 401  | 200         | 403                  | 403                    | 403      | 403          | 403          | 403     | 403     | 403
      """;

  private static final String H = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String I = "5d2c9e1a-7b44-4f0e-a1c3-9e8d7c6b5a42";
  private static final String C = "8e1f2d3c-4b5a-4697-8877-665544332211";
  private static final String F = OTHER_BOUND_FACILITY;
  private static final String G = "0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b";
  private static final String S = "e1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b";
  private static final String A = "f0e1d2c3-b4a5-4968-8776-655443322110";
  private static final String Q = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e";

  /** A fiscal year whose plan may be set at the tests' clock (June 2026). */
  private static final String Y = "2026";

  private static final String ACTIVITY =
      """
      {"kind":"TRAINING","wards":["{W}"],"organiser":"HUB","heldAt":"2026-05-20T14:00:00+09:00",
       "participants":{"CONSULTATION_SPECIALIST":5},"topic":"研修"}""";

  /** Bodies by path, with {W} for the ward of a new record and {F} for a registered facility. */
  private static final Map<String, String> BODIES =
      Map.ofEntries(
          Map.entry(
              "/api/households",
              """
              {"ward":"{W}","riskFactors":["ISOLATED"],"disabilityTypes":[],"child":false,"supportNeeds":[],
               "consentAt":"2026-05-01T10:00:00+09:00","person":{"name":"試験 太郎","address":"青葉区1-1","birthYear":1990}}"""),
          Map.entry(
              "/api/households/{H}/reassessments",
              "{\"riskFactors\":[\"ISOLATED\"],\"supportNeeds\":[]}"),
          Map.entry("/api/households/{H}/moves", "{\"toWard\":\"TAIHAKU\"}"),
          Map.entry("/api/households/{H}/deregistration", "{\"reason\":\"NO_LONGER_AT_RISK\"}"),
          Map.entry("/api/households/{H}/erasure", "{}"),
          Map.entry(
              "/api/intakes",
              "{\"ward\":\"{W}\",\"trigger\":\"CAREGIVER_SUDDEN_ILLNESS\",\"supportNeeds\":[]}"),
          Map.entry("/api/intakes/{I}/declines", "{\"facilityId\":\"{F}\",\"reason\":\"NO_BED\"}"),
          Map.entry(
              "/api/intakes/{I}/declines by {G}", "{\"facilityId\":\"{G}\",\"reason\":\"NO_BED\"}"),
          Map.entry("/api/intakes/{I}/placement", "{\"facilityId\":\"{F}\"}"),
          Map.entry("/api/intakes/{I}/completion", "{\"outcome\":\"RETURNED_HOME\"}"),
          Map.entry("/api/intakes/{I}/cancellation", "{\"reason\":\"家族が対応\"}"),
          Map.entry(
              "/api/cosupports",
              "{\"ward\":\"{W}\",\"officeId\":\"office-1\",\"difficulties\":[\"MEDICAL\"]}"),
          Map.entry("/api/cosupports/{C}/activities", "{\"type\":\"JOINT_VISIT\"}"),
          Map.entry("/api/cosupports/{C}/closure", "{\"outcome\":\"OFFICE_CONTINUES_ALONE\"}"),
          Map.entry(
              "/api/facilities",
              "{\"name\":\"青葉ショートステイ\",\"ward\":\"{W}\",\"kind\":\"SHORT_STAY\",\"capabilities\":[],\"emergencyBeds\":2}"),
          Map.entry("/api/facilities/{F}/availability", "{\"availableBeds\":1}"),
          Map.entry("/api/facilities/{G}/availability", "{\"availableBeds\":1}"),
          Map.entry(
              "/api/households/{H}/contacts",
              "{\"kind\":\"FOLLOW_UP\",\"channel\":\"PHONE\",\"officeId\":\"office-1\"}"),
          Map.entry(
              "/api/experience-stays",
              """
              {"ward":"{W}","kind":"GROUP_HOME_TRIAL","householdId":"{H}","facilityId":"{F}",
               "firstDay":"2026-06-10","lastDay":"2026-06-14"}"""),
          Map.entry("/api/experience-stays/{S}/start", "{}"),
          Map.entry(
              "/api/experience-stays/{S}/completion",
              "{\"nightsStayed\":4,\"outcome\":\"MOVED_TO_GROUP_HOME\"}"),
          Map.entry("/api/experience-stays/{S}/cancellation", "{\"reason\":\"延期\"}"),
          Map.entry("/api/capacity-activities", ACTIVITY),
          Map.entry("/api/capacity-activities/{A}/correction", ACTIVITY),
          Map.entry("/api/capacity-activities/{A}/withdrawal", "{\"reason\":\"重複\"}"),
          Map.entry(
              "/api/community-issues",
              "{\"ward\":\"{W}\",\"category\":\"HOUSING\",\"title\":\"住まいの確保\",\"raisedBy\":\"COUNCIL\"}"),
          Map.entry("/api/community-issues/{Q}/discussion", "{\"meetingDate\":\"2026-05-21\"}"),
          Map.entry("/api/community-issues/{Q}/proposal", "{\"to\":\"障害者支援課\"}"),
          Map.entry(
              "/api/community-issues/{Q}/closure", "{\"resolution\":\"RESOLVED\",\"note\":\"解決\"}"),
          Map.entry(
              "/api/plans/{Y}",
              "{\"targets\":[{\"figure\":\"householdsRegistered\",\"target\":60}]}"));

  static Stream<Arguments> matrix() {
    List<String> lines = MATRIX.strip().lines().map(String::strip).toList();
    String[] callers = cells(lines.get(0));
    List<Arguments> cases = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = cells(line);
      for (int i = 1; i < cells.length; i++) {
        cases.add(Arguments.of(cells[0], callers[i], Integer.parseInt(cells[i])));
      }
    }
    return cases.stream();
  }

  private static String[] cells(String line) {
    return Stream.of(line.split("\\|")).map(String::strip).toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0} by {1} -> {2}")
  @MethodSource("matrix")
  void access_follows_the_matrix(String endpoint, String caller, int expected) throws Exception {
    String user = caller.split(":")[0];
    String ward = caller.endsWith(":other") ? "IZUMI" : "AOBA";
    stored(H, AggregateType.HOUSEHOLD, ward);
    stored(I, AggregateType.EMERGENCY_INTAKE, ward);
    stored(C, AggregateType.CO_SUPPORT, ward);
    stored(F, AggregateType.FACILITY, ward);
    stored(G, AggregateType.FACILITY, ward);
    stored(S, AggregateType.EXPERIENCE_STAY, ward);
    stored(A, AggregateType.CAPACITY_ACTIVITY, ward);
    stored(Q, AggregateType.COMMUNITY_ISSUE, ward);
    given(commandGateway.sendAndWait(any())).willReturn(1L);

    String[] methodAndPath = endpoint.split("\\s+", 2);
    String template = methodAndPath[1];
    // "… by {G}" names the facility the body speaks for; the path is what comes before it.
    String pathTemplate = template.split(" ")[0];
    String body =
        BODIES
            .get(template)
            .replace("{W}", ward)
            .replace("{F}", F)
            .replace("{G}", G)
            .replace("{H}", H);
    String path =
        pathTemplate
            .replace("{H}", H)
            .replace("{I}", I)
            .replace("{C}", C)
            .replace("{F}", F)
            .replace("{G}", G)
            .replace("{S}", S)
            .replace("{A}", A)
            .replace("{Q}", Q)
            .replace("{Y}", Y);
    MockHttpServletRequestBuilder request =
        request(HttpMethod.valueOf(methodAndPath[0]), path)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (!user.equals("none")) {
      request = request.with(httpBasic(user, user));
    }
    mvc.perform(request).andExpect(status().is(expected));
  }
}
