package jp.coordination.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The start-up refusals both services share. Nothing insecure is a default: the demo users (HTTP
 * Basic, published passwords) and the published development master key need the explicit {@code
 * local} profile, which {@code ./run-local.sh} and the tests set. Without it a service identifies
 * callers only by the identity provider's JWTs and needs a master key of its own, whatever other
 * profile is active; a service started bare therefore refuses to start until it is told either.
 */
public final class ProfileGuards {
  /** The profile of the local run and the tests: demo users, the development master key. */
  public static final String LOCAL = "local";

  /**
   * The profile of a production deployment (write concern, topic replication, forwarded headers).
   */
  public static final String PRODUCTION = "production";

  /**
   * The published development master key ("development-only-master-key-0001", base64). Anyone can
   * read it in the repository, so only the local profile accepts it.
   */
  public static final String DEVELOPMENT_MASTER_KEY =
      "ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTAwMDE=";

  static final String DEMO_USERS = "coordination.security.demo-users";
  static final String MASTER_KEY = "coordination.personal-data.master-key";
  static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
  static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

  private static final byte[] DEVELOPMENT_KEY_BYTES =
      Base64.getDecoder().decode(DEVELOPMENT_MASTER_KEY);

  private ProfileGuards() {}

  /** Whether the local profile (demo users, development key) is active. */
  public static boolean local(Environment environment) {
    return active(environment, LOCAL);
  }

  /** Whether the production profile is active. */
  public static boolean production(Environment environment) {
    return active(environment, PRODUCTION);
  }

  /**
   * Every refusal at once, so that a service started bare names everything it misses in one
   * message: profiles that exclude each other, demo users without the local profile, and without it
   * an identity provider (issuer and audience) and a master key that is not the development key.
   *
   * @throws IllegalStateException naming each problem and the way to a local run
   */
  public static void check(Environment environment) {
    List<String> problems = identityProblems(environment);
    masterKeyProblem(local(environment), environment.getProperty(MASTER_KEY))
        .ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(refusal(problems));
    }
  }

  /**
   * The refusals about who the callers are, for the security chain: the part of {@link #check}
   * without the master key.
   *
   * @return whether the local profile (HTTP Basic, demo users) is active; otherwise JWTs
   */
  public static boolean checkIdentity(Environment environment) {
    List<String> problems = identityProblems(environment);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(refusal(problems));
    }
    return local(environment);
  }

  private static List<String> identityProblems(Environment environment) {
    boolean local = local(environment);
    List<String> problems = new ArrayList<>();
    if (local && production(environment)) {
      problems.add("the local and production profiles exclude each other");
    }
    if (!local && environment.getProperty(DEMO_USERS, Boolean.class, false)) {
      problems.add(
          "the demo users (DEMO_USERS_ENABLED) have published passwords and need the local profile");
    }
    if (!local) {
      if (isBlank(environment.getProperty(ISSUER))) {
        problems.add(
            "no identity provider: set OAUTH2_ISSUER_URI (without the local profile callers are identified by the"
                + " identity provider's JWTs)");
      }
      if (audiences(environment).isEmpty()) {
        problems.add(
            "no token audience: set OAUTH2_AUDIENCE (otherwise a token the identity provider issued to another"
                + " application would be accepted)");
      }
    }
    return problems;
  }

  /**
   * The master key's own refusal, for the bean that reads it: a key must be set, and the published
   * development key is accepted only with the local profile. Keys are compared by their decoded
   * bytes in constant time, so another spelling of the same key (no padding) is refused too.
   */
  public static void requireMasterKey(Environment environment, String base64) {
    Optional<String> problem = masterKeyProblem(local(environment), base64);
    if (problem.isPresent()) {
      throw new IllegalStateException(refusal(List.of(problem.get())));
    }
  }

  /** Whether this base64 text decodes to the published development key. */
  public static boolean isDevelopmentKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      return false; // not base64: the key's own parser refuses it, without repeating it
    }
    return ConstantTime.equal(key, DEVELOPMENT_KEY_BYTES);
  }

  private static Optional<String> masterKeyProblem(boolean local, String base64) {
    if (isBlank(base64)) {
      return Optional.of(
          "no master key: set PERSONAL_DATA_MASTER_KEY (base64, 256 bits) or provide a KMS-backed MasterKey");
    }
    if (!local && isDevelopmentKey(base64)) {
      return Optional.of(
          "the master key (PERSONAL_DATA_MASTER_KEY) is the published development key, which only the local profile"
              + " accepts");
    }
    return Optional.empty();
  }

  private static String refusal(List<String> problems) {
    return "Refusing to start: "
        + String.join("; ", problems)
        + ". For a local run start with the local profile (SPRING_PROFILES_ACTIVE=local, as ./run-local.sh does);"
        + " see docs/SECURITY.md, \"Profiles\".";
  }

  private static List<String> audiences(Environment environment) {
    if (environment instanceof ConfigurableEnvironment configurable) {
      return Binder.get(configurable)
          .bind(AUDIENCES, Bindable.listOf(String.class))
          .orElse(List.of())
          .stream()
          .filter(a -> !isBlank(a))
          .toList();
    }
    String text = environment.getProperty(AUDIENCES, "");
    return Arrays.stream(text.split(",")).filter(a -> !isBlank(a)).toList();
  }

  private static boolean active(Environment environment, String profile) {
    return Arrays.asList(environment.getActiveProfiles()).contains(profile);
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
