package jp.coordination.platform.problem;

/**
 * A refused authentication whose reason the caller may be told, because the caller can act on it (a
 * token its identity provider must issue differently). The 401 answer gives the reason as its
 * detail; every other refusal keeps the one general detail, so that it reveals nothing.
 */
public interface ExplainedAuthenticationFailure {
  /** The detail of the 401 answer. */
  ProblemText reason();
}
