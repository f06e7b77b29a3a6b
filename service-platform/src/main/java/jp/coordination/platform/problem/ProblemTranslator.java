package jp.coordination.platform.problem;

import java.util.Optional;
import org.springframework.http.ProblemDetail;

/**
 * How a service answers exceptions of its own kinds (a domain rule, a framework's "not found")
 * without a handler of its own: a bean of this type is asked before an exception counts as
 * unexpected (500).
 */
@FunctionalInterface
public interface ProblemTranslator {
  /** The problem for this exception, or empty when it is not one of this translator's. */
  Optional<ProblemDetail> translate(Exception exception);
}
