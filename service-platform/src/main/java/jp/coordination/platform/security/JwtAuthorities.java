package jp.coordination.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A JWT of the identity provider as an authentication: role and optional ward scope from configurable claims. */
public final class JwtAuthorities {
  private JwtAuthorities() {}

  public static JwtAuthenticationToken authenticationOf(Jwt jwt, IdentityProperties identity) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String role : values(jwt.getClaims().get(identity.roleClaim()))) {
      authorities.add(new SimpleGrantedAuthority(Authorities.ROLE_PREFIX + role));
    }
    for (String ward : values(jwt.getClaims().get(identity.wardClaim()))) {
      authorities.add(new SimpleGrantedAuthority(Authorities.ward(ward)));
    }
    String name = jwt.getClaimAsString("preferred_username");
    return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
  }

  private static List<String> values(Object claim) {
    if (claim instanceof String s) {
      return s.isBlank() ? List.of() : List.of(s.trim());
    }
    if (claim instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
    return List.of();
  }
}
