package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import jp.coordination.infra.demo.DemoLoader;
import jp.coordination.infra.demo.DemoPlan;
import jp.coordination.infra.demo.DemoTotals;
import jp.coordination.infra.demo.DemoYear;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live dashboard through the real services: the demo year loaded over the command API shows on
 * the FY2024 dashboards exactly as the generator counted it, and a ward council's page in headless
 * Chromium (Debian's chromium and chromedriver; nothing is downloaded) updates by itself when an
 * intake is recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  // The service's gauge of open dashboard streams, as Prometheus names it.
  private static final String OPEN_STREAMS_SAMPLE = "coordination_dashboard_streams_open";

  private final String topic = "live.events." + UUID.randomUUID().toString().substring(0, 8);
  private final List<ServiceProcess> services = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafkaBroker broker;
  private EmbeddedMongo mongo;
  private String commandBase;
  private String queryBase;
  private int queryPort;
  private String queryManagementPort;

  @BeforeAll
  void startStack() throws IOException {
    Path target = Files.createDirectories(Path.of("target"));
    broker = EmbeddedKafkaBroker.start(Files.createTempDirectory(target, "live-kafka-"), 0);
    mongo = EmbeddedMongo.inMemory();
    Map<String, String> env =
        ServicesUnderTest.environment(
            mongo.connectionString() + "/coordination",
            mongo.connectionString() + "/coordination_query",
            broker.bootstrapServers(),
            topic,
            "live-");
    // A closed stream frees its place at the next heartbeat: a short one keeps the refused-stream
    // test short.
    env.put("DASHBOARD_STREAM_HEARTBEAT", "2s");
    queryManagementPort = env.get("QUERY_MANAGEMENT_PORT");
    ServicesUnderTest.Started started =
        ServicesUnderTest.start(env, getClass(), READY_TIMEOUT, services);
    ServiceProcess command = started.command();
    ServiceProcess query = started.query();
    queryPort = query.port();
    commandBase = command.baseUrl();
    queryBase = query.baseUrl();
  }

  @AfterAll
  void stopStack() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    if (broker != null) {
      broker.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  @Order(1)
  void the_demo_year_shows_on_the_fy2024_dashboards_as_the_generator_counted_it() {
    // A quarter of the year by default keeps the build quick on 2 cores; -Ddemo.scale=1 checks the
    // full year.
    DemoPlan plan =
        DemoYear.generate(
            DemoYear.DEFAULT_SEED, Double.parseDouble(System.getProperty("demo.scale", "0.25")));
    DemoLoader loader = new DemoLoader(commandBase, queryBase);
    loader.load(plan, 4, System.out::println);

    for (Map.Entry<String, DemoTotals.Ward> entry : plan.totals().wards().entrySet()) {
      String ward = entry.getKey();
      Map<String, Integer> expected = expected(entry.getValue());
      await()
          .atMost(PROJECTION_TIMEOUT)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(figures(dashboard(ward, "coordinator", 2024)))
                      .as(ward)
                      .isEqualTo(expected));
      JsonNode monthly = dashboard(ward, "coordinator", 2024).path("monthly");
      assertThat(sum(monthly.path("intakesRequested")))
          .isEqualTo(entry.getValue().intakesRequested);
      assertThat(sum(monthly.path("coSupportsOpened")))
          .isEqualTo(entry.getValue().coSupportsOpened);
    }
    // The year's plan, decided in its first week and entered now, is reviewed against the actuals.
    JsonNode review = read(queryBase + "/api/statistics/2024", "analyst").path("plan");
    assertThat(review).hasSize(plan.totals().planTargets);
    assertThat(review.findValues("actual")).allMatch(JsonNode::isNumber);
    // Loading again is recognised, and would be answered from the store anyway.
    assertThat(loader.isLoaded(plan)).isTrue();
  }

  @Test
  @Order(2)
  void a_ward_council_sees_its_ward_and_the_page_updates_without_reload() throws Exception {
    WebDriver browser = browser();
    try {
      browser.get(signedIn("aoba-council") + "/?fiscalYear=2024");
      awaitReady(browser);
      JsonNode api = dashboard("AOBA", "aoba-council", 2024);
      WebElement requested = field(browser, "intakes.requestedThisYear");
      assertThat(browser.findElement(By.id("ward-name")).getText()).isEqualTo("青葉区");
      assertThat(browser.findElement(By.id("ward-year")).getText()).contains("令和6年度");
      assertThat(requested.getText())
          .isEqualTo(api.path("intakes").path("requestedThisYear").asText());
      assertThat(field(browser, "households.active").getText())
          .isEqualTo(api.path("households").path("active").asText());
      // The hub's other functions are on the page too (③ stays, ④⑤ activities).
      assertThat(field(browser, "experienceStays.completedThisYear").getText())
          .isEqualTo(api.path("experienceStays").path("completedThisYear").asText());
      assertThat(field(browser, "capacityBuilding.activitiesThisYear").getText())
          .isEqualTo(api.path("capacityBuilding").path("activitiesThisYear").asText())
          .isNotEqualTo("0");
      // The ward selector offers only what the council may see.
      assertThat(new Select(browser.findElement(By.id("ward-select"))).getOptions()).hasSize(1);
      int before = Integer.parseInt(requested.getText().replace(",", ""));
      ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");

      // Recorded in FY2024 (a late entry), so it counts on the page being watched.
      post(
          "/api/intakes",
          """
          {"ward":"AOBA","trigger":"CAREGIVER_SUDDEN_ILLNESS","supportNeeds":["WHEELCHAIR"],"at":"2025-03-28T21:30:00+09:00"}""");

      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(
              b ->
                  field(b, "intakes.requestedThisYear")
                      .getText()
                      .equals(String.valueOf(before + 1)));
      assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;"))
          .as("the page was not reloaded")
          .isEqualTo("yes");
      assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("ライブ更新中");
      screenshot(browser, "dashboard.png");
      assertNoConsoleErrors(browser);
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(3)
  void a_ward_council_cannot_open_another_ward() {
    WebDriver browser = browser();
    try {
      browser.get(signedIn("aoba-council") + "/?ward=MIYAGINO&fiscalYear=2024");
      awaitReady(browser);
      WebElement error = browser.findElement(By.id("error"));
      assertThat(error.isDisplayed()).isTrue();
      assertThat(error.getText()).isEqualTo("この区のダッシュボードを表示する権限がありません。");
      assertThat(browser.findElement(By.id("ward-view")).isDisplayed()).isFalse();
      assertThat(
              browser.findElements(By.cssSelector("#ward-select option")).stream()
                  .map(o -> o.getAttribute("value"))
                  .toList())
          .containsExactly("AOBA");
      // The refused dashboard is the one error the browser may report: the page shows it as such.
      assertNoConsoleErrors(browser, "the server responded with a status of 403");
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(4)
  void the_first_year_of_an_era_is_named_gannen_and_years_before_reiwa_by_heisei() {
    WebDriver browser = browser();
    try {
      browser.get(signedIn("aoba-council") + "/?fiscalYear=2019");
      awaitReady(browser);
      assertThat(browser.findElement(By.id("ward-year")).getText()).contains("令和元年度");
      browser.get(signedIn("aoba-council") + "/?fiscalYear=2018");
      awaitReady(browser);
      assertThat(browser.findElement(By.id("ward-year")).getText()).contains("平成30年度");
      assertNoConsoleErrors(browser);
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(5)
  void
      a_council_reads_the_years_statistics_with_small_numbers_suppressed_and_downloads_them_as_csv()
          throws Exception {
    JsonNode api = read(queryBase + "/api/statistics/2024", "city-council");
    List<String> suppressed = new ArrayList<>();
    api.path("suppressed").forEach(path -> suppressed.add(path.asText()));
    assertThat(suppressed).as("the demo year has small numbers to suppress").isNotEmpty();
    Path downloads =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "downloads-");
    WebDriver browser = browser(downloads);
    try {
      browser.get(signedIn("city-council") + "/statistics.html?fiscalYear=2024");
      awaitReady(browser);
      List<WebElement> hidden =
          browser.findElements(By.cssSelector("#figures-table td.suppressed"));
      assertThat(hidden).isNotEmpty();
      for (WebElement cell : hidden) {
        assertThat(cell.getText()).isEqualTo("x");
        assertThat(suppressed).contains(cell.getAttribute("data-path"));
      }
      assertThat(
              browser
                  .findElement(
                      By.cssSelector("#figures-table td[data-path='total.intakesRequested']"))
                  .getText()
                  .replace(",", ""))
          .isEqualTo(api.at("/total/intakesRequested").asText());
      assertThat(browser.findElement(By.id("suppression-note")).getText()).contains("秘匿");
      assertThat(browser.findElement(By.id("stats-year")).getText()).contains("令和6年度");
      // The year's plan is reviewed on the page, target by target.
      assertThat(browser.findElements(By.cssSelector("#plan-table tbody tr")))
          .hasSize(api.path("plan").size());

      browser.findElement(By.id("csv-download")).click();
      Path csv = downloads.resolve("statistics-2024.csv");
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
      String text = Files.readString(csv, StandardCharsets.UTF_8);
      assertThat(text).contains("合計").contains(",x").contains("注,x：秘匿");
      assertNoConsoleErrors(browser);
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(6)
  void an_analyst_runs_a_what_if_with_a_one_day_reuse_window_and_sees_every_reuse_gone() {
    int reuse =
        read(queryBase + "/api/statistics/2024", "analyst").at("/total/reuseWithin180Days").asInt();
    assertThat(reuse)
        .as("the demo year has re-uses (7 to 170 days after a completion)")
        .isPositive();
    WebDriver browser = browser();
    try {
      browser.get(signedIn("analyst") + "/statistics.html?fiscalYear=2024");
      awaitReady(browser);
      assertThat(browser.findElements(By.cssSelector("#figures-table td.suppressed")))
          .as("analysts read exact figures")
          .isEmpty();
      WebElement window = browser.findElement(By.id("reuse-window"));
      window.clear();
      window.sendKeys("1");
      browser.findElement(By.id("evaluation-start")).click();
      By total =
          By.cssSelector(
              "#differences-table tr[data-figure='reuseWithin180Days'][data-ward='TOTAL']");
      new WebDriverWait(browser, Duration.ofSeconds(120))
          .until(b -> !b.findElements(total).isEmpty());
      List<WebElement> cells = browser.findElement(total).findElements(By.tagName("td"));
      assertThat(cells.get(1).getText().replace(",", ""))
          .as("official")
          .isEqualTo(String.valueOf(reuse));
      assertThat(cells.get(2).getText()).as("variant").isEqualTo("0");
      assertThat(browser.findElement(By.id("differences-download")).isDisplayed()).isTrue();
      assertNoConsoleErrors(browser);
    } finally {
      browser.quit();
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, Integer> expected(DemoTotals.Ward w) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("households.active", w.householdsActiveAtYearEnd);
    m.put("intakes.open", w.intakesOpenAtYearEnd);
    m.put("intakes.inPlacement", w.intakesInPlacementAtYearEnd);
    m.put("intakes.requestedThisYear", w.intakesRequested);
    m.put("intakes.placedThisYear", w.intakesPlaced);
    m.put("intakes.cancelledThisYear", w.intakesCancelled);
    m.put("intakes.outOfHoursThisYear", w.intakesOutOfHours);
    m.put("coSupports.open", w.coSupportsOpenAtYearEnd);
    m.put("coSupports.openedThisYear", w.coSupportsOpened);
    m.put("coSupports.closedThisYear", w.coSupportsClosed);
    m.put("facilities.emergencyBedsAvailable", w.emergencyBedsAvailableAtYearEnd);
    m.put("experienceStays.arranged", w.experienceStaysArrangedAtYearEnd);
    m.put("experienceStays.inProgress", w.experienceStaysInProgressAtYearEnd);
    m.put("experienceStays.completedThisYear", w.experienceStaysCompleted);
    m.put("capacityBuilding.activitiesThisYear", w.capacityActivities);
    m.put("communityIssues.open", w.communityIssuesOpenAtYearEnd);
    return m;
  }

  private static Map<String, Integer> figures(JsonNode d) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String key : expected(new DemoTotals.Ward()).keySet()) {
      String[] path = key.split("\\.");
      m.put(key, d.path(path[0]).path(path[1]).asInt(-1));
    }
    return m;
  }

  private static int sum(JsonNode array) {
    int total = 0;
    for (JsonNode n : array) {
      total += n.asInt();
    }
    return total;
  }

  private JsonNode dashboard(String ward, String user, int fiscalYear) {
    return read(queryBase + "/api/wards/" + ward + "/dashboard?fiscalYear=" + fiscalYear, user);
  }

  private JsonNode read(String uri, String user) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", basic(user))
                .header("Accept", "application/json")
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void post(String path, String body) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(commandBase + path))
                .header("Authorization", basic("coordinator"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  // The browser signs in with the credentials in the address, as a user answering the Basic prompt
  // would.
  @Test
  @Order(7)
  void a_refused_live_stream_says_the_page_is_paused_and_goes_live_again_once_a_place_is_free()
      throws Exception {
    // The council has every stream a user may hold open elsewhere (8): the page's own is refused.
    List<java.io.InputStream> held = new ArrayList<>();
    WebDriver browser = browser();
    try {
      for (int i = 0; i < 8; i++) {
        held.add(openCouncilStream(i + 1));
      }
      browser.get(signedIn("aoba-council") + "/?fiscalYear=2024");
      awaitReady(browser);
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(b -> b.findElement(By.id("status")).getText().startsWith("ライブ更新が止まっています"));

      for (java.io.InputStream stream : held) {
        stream.close();
      }
      held.clear();
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(b -> b.findElement(By.id("status")).getText().equals("ライブ更新中"));
      // The refusal, as the browser reports it (a resource error, or the aborted EventSource).
      assertNoConsoleErrors(browser, "429");
    } finally {
      for (java.io.InputStream stream : held) {
        stream.close();
      }
      browser.quit();
    }
  }

  /**
   * Opens one Aoba stream for the council as a well-behaved client would: a 429 is retried after
   * its {@code Retry-After}. The pages of earlier tests closed their streams, but the service frees
   * a closed stream's place only when a heartbeat fails on it, so a place may still be taken
   * briefly.
   */
  private java.io.InputStream openCouncilStream(int number) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      HttpResponse<java.io.InputStream> stream =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(queryBase + "/api/wards/AOBA/dashboard/stream?fiscalYear=2024"))
                  .header("Authorization", basic("aoba-council"))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (stream.statusCode() != 429 || System.nanoTime() > deadline) {
        assertThat(stream.statusCode())
            .as("stream %d (the service counts %s)", number, openStreamsGauge())
            .isEqualTo(200);
        return stream.body();
      }
      stream.body().close();
      long retryAfter =
          stream.headers().firstValueAsLong("Retry-After").orElseThrow(AssertionError::new);
      Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
    }
  }

  /** The service's own count of open streams, to tell a leaked place from a held one. */
  private String openStreamsGauge() throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + queryManagementPort + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body()
        .lines()
        .filter(line -> line.startsWith(OPEN_STREAMS_SAMPLE))
        .toList()
        .toString();
  }

  private String signedIn(String user) {
    return "http://" + user + ":" + user + "@127.0.0.1:" + queryPort;
  }

  private static WebElement field(WebDriver browser, String name) {
    return browser.findElement(By.cssSelector("#ward-view [data-field='" + name + "']"));
  }

  /**
   * Fails on any error the page caused in the browser's console (a script error, a resource or an
   * inline handler the Content-Security-Policy refused), except messages containing one of {@code
   * expected}.
   */
  private static void assertNoConsoleErrors(WebDriver browser, String... expected) {
    List<String> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(m -> java.util.Arrays.stream(expected).noneMatch(m::contains))
            .toList();
    assertThat(errors).as("errors in the browser's console").isEmpty();
  }

  private static void awaitReady(WebDriver browser) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            b ->
                "true"
                    .equals(
                        ((JavascriptExecutor) b)
                            .executeScript("return document.body.dataset.ready || null;")));
  }

  private static WebDriver browser() {
    return browser(null);
  }

  /**
   * @param downloads where downloads are saved without asking; null for the browser's default
   */
  private static WebDriver browser(Path downloads) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser test skipped: no /usr/bin/chromium or /usr/bin/chromedriver here"
            + " (apt-get install chromium chromium-driver; CI's .ci/run installs them)");
    // Point Selenium at Debian's driver and browser so that Selenium Manager never looks for a
    // download.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    Path profile;
    try {
      profile =
          Files.createTempDirectory(
              Files.createDirectories(Path.of("target")), "chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--lang=ja",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    if (downloads != null) {
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toAbsolutePath().toString(),
              "download.prompt_for_download",
              false));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  private static void screenshot(WebDriver browser, String name)
      throws IOException, InterruptedException {
    // Taller than the 1280×800 the test runs at, so that the picture shows the monthly charts too.
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1100));
    Thread.sleep(500);
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
    Path file =
        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path out = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
    Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("Screenshot: " + out.toAbsolutePath());
  }
}
