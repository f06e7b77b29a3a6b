package jp.coordination.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import jp.coordination.platform.problem.ExplainedAuthenticationFailure;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A JWT of the identity provider as an authentication. Nothing is read generously: the token must
 * carry a subject, exactly one role of {@link Role}, and a ward claim that is either ward codes or
 * the explicit region-wide value {@value Authorities#REGION_WIDE}. A missing, empty or malformed
 * claim is refused (401), never read as "whole region" or "no role". The authentication's name is
 * the stable {@code sub}; the display name travels beside it ({@link Actor#displayName()}).
 */
public final class JwtAuthorities {
  /** Upper-case ward codes as API.md writes them ({@code AOBA}). */
  private static final Pattern WARD_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  /**
   * Control characters, and halves of a surrogate pair that stand alone (a whole pair is one code
   * point).
   */
  private static final Pattern UNSTORABLE = Pattern.compile("[\\p{Cc}\\x{D800}-\\x{DFFF}]");

  private JwtAuthorities() {}

  /**
   * @throws InvalidBearerTokenException when the token's subject, role or ward claim is unusable
   */
  public static JwtAuthenticationToken authenticationOf(Jwt jwt, IdentityProperties identity) {
    String subject = jwt.getSubject();
    if (subject == null || subject.isBlank()) {
      throw refused("the token has no subject (sub)");
    }
    requireStorable(subject, "sub");
    Actor.displayNameClaim(jwt)
        .ifPresent(claim -> requireStorable(jwt.getClaimAsString(claim), claim));
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(
        new SimpleGrantedAuthority(
            roleOf(jwt.getClaims().get(identity.roleClaim()), identity.roleClaim()).authority()));
    for (String ward : wardsOf(jwt.getClaims().get(identity.wardClaim()), identity.wardClaim())) {
      authorities.add(new SimpleGrantedAuthority(Authorities.ward(ward)));
    }
    return new JwtAuthenticationToken(jwt, authorities, subject);
  }

  /** Exactly one role of the known set, as a text or a list of one text. */
  static Role roleOf(Object claim, String name) {
    Object value = claim;
    if (claim instanceof Collection<?> values) {
      if (values.size() != 1) {
        throw refused("claim " + name + " must name exactly one role");
      }
      value = values.iterator().next();
    }
    if (!(value instanceof String text)) {
      throw refused("the token has no usable role claim " + name);
    }
    for (Role role : Role.values()) {
      if (role.name().equals(text)) {
        return role;
      }
    }
    throw refused("claim " + name + " names a role outside the known set");
  }

  /**
   * The wards a token limits its user to; empty for the explicit region-wide value. A text or a
   * list of texts; region-wide only alone.
   */
  static List<String> wardsOf(Object claim, String name) {
    List<?> values;
    if (claim instanceof String text) {
      values = List.of(text);
    } else if (claim instanceof Collection<?> collection) {
      values = List.copyOf(collection);
    } else {
      throw refused(
          "the token has no usable ward claim "
              + name
              + " (ward codes, or \""
              + Authorities.REGION_WIDE
              + "\" for the whole region)");
    }
    if (values.isEmpty()) {
      throw refused(
          "claim " + name + " is empty; the whole region is \"" + Authorities.REGION_WIDE + "\"");
    }
    if (values.contains(Authorities.REGION_WIDE)) {
      if (values.size() != 1) {
        throw refused("claim " + name + " mixes the region-wide value with wards");
      }
      return List.of();
    }
    List<String> wards = new ArrayList<>();
    for (Object value : values) {
      if (!(value instanceof String code) || !WARD_CODE.matcher(code).matches()) {
        throw refused("claim " + name + " holds a value that is not a ward code");
      }
      wards.add(code);
    }
    return List.copyOf(wards);
  }

  // The description never repeats the claim's value: it is the caller's input.
  private static InvalidBearerTokenException refused(String description) {
    return new InvalidBearerTokenException(description);
  }

  /**
   * The subject becomes every event's {@code actor}, which the audit chain hashes, and the display
   * name goes into the actor directory. A lone surrogate cannot be encoded in UTF-8: MongoDB would
   * store {@code ?} and the audit would later report the event altered. Control characters (a line
   * break, say) would let a name forge lines in logs and exports. Either is refused before anything
   * is stored, as {@code @SafeText} refuses them in free text.
   */
  private static void requireStorable(String value, String claim) {
    if (UNSTORABLE.matcher(value).find()) {
      throw new UnstorableClaimException(claim);
    }
  }

  /**
   * A claim the services would store holds text that cannot be stored faithfully; the answer says
   * which.
   */
  static final class UnstorableClaimException extends InvalidBearerTokenException
      implements ExplainedAuthenticationFailure {
    private static final long serialVersionUID = 1L;
    private final String claim;

    UnstorableClaimException(String claim) {
      super(ProblemText.of("detail.token-claim-unstorable", claim).english());
      this.claim = claim;
    }

    @Override
    public ProblemText reason() {
      return ProblemText.of("detail.token-claim-unstorable", claim);
    }
  }
}
