package jp.coordination.platform.security;

import java.util.Arrays;
import org.springframework.core.env.Environment;

/** Start-up refusals of the {@code production} profile that both services share. */
public final class ProfileGuards {
  /** The profile of a production deployment. */
  public static final String PRODUCTION = "production";

  private ProfileGuards() {}

  /**
   * Fails start-up when the demo users (published passwords) are enabled in production.
   *
   * @return whether the production profile is active
   */
  public static boolean refuseDemoUsersInProduction(Environment environment, IdentityProperties identity) {
    boolean production = Arrays.asList(environment.getActiveProfiles()).contains(PRODUCTION);
    if (production && identity.demoUsers()) {
      throw new IllegalStateException(
          "Refusing to start: the demo users (DEMO_USERS_ENABLED) must not be enabled with the production profile.");
    }
    return production;
  }
}
