package jp.coordination.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the callers are ({@code coordination.security.*}).
 *
 * @param demoUsers the HTTP Basic demo users of the local run ({@code DEMO_USERS_ENABLED}); refused
 *     together with the production profile
 * @param roleClaim the JWT claim holding the role (production; {@code OAUTH2_ROLE_CLAIM})
 * @param wardClaim the JWT claim holding the ward codes the user is limited to, absent or empty for
 *     region-wide users ({@code OAUTH2_WARD_CLAIM})
 * @param maxBodyBytes the largest request body accepted ({@code MAX_REQUEST_BODY}); larger: 413
 * @param loginFailuresAllowed failed logins per user name and client address within {@code
 *     loginFailureWindow} before a cool-down
 * @param loginFailureWindow the window of counted failures and the cool-down after them
 */
@ConfigurationProperties("coordination.security")
public record IdentityProperties(
    @DefaultValue("false") boolean demoUsers,
    @DefaultValue("role") String roleClaim,
    @DefaultValue("wards") String wardClaim,
    @DefaultValue("65536") long maxBodyBytes,
    @DefaultValue("5") int loginFailuresAllowed,
    @DefaultValue("1m") java.time.Duration loginFailureWindow) {}
