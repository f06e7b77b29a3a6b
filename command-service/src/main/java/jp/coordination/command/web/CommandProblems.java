package jp.coordination.command.web;

import java.util.List;
import java.util.Optional;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.rules.UnknownReferenceException;
import jp.coordination.platform.problem.FieldProblem;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.ProblemTranslator;
import jp.coordination.platform.problem.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The command side's own refusals as the platform's problems: a broken domain rule is 409, a value
 * the domain refuses is 400 naming the field, an aggregate Axon cannot find is 404, and so is a
 * record a field names that does not exist (naming the field).
 */
@Component
public class CommandProblems implements ProblemTranslator {
  @Override
  public Optional<ProblemDetail> translate(Exception exception) {
    if (exception instanceof RuleBrokenException e) {
      return Optional.of(Problems.ruleBroken(e.localizedMessage()));
    }
    if (exception instanceof FieldRejectedException e) {
      return Optional.of(Problems.invalidField(e.field(), e.localizedMessage()));
    }
    if (exception instanceof UnknownReferenceException e) {
      String message = e.localizedMessage();
      return Optional.of(
          Problems.of(
              HttpStatus.NOT_FOUND,
              Problems.NOT_FOUND,
              "Not found",
              ProblemText.of("detail.field", e.field(), message),
              List.of(new FieldProblem(e.field(), message))));
    }
    if (exception instanceof AggregateNotFoundException) {
      return Optional.of(Problems.notFound(ProblemText.of("detail.no-such-record")));
    }
    return Optional.empty();
  }
}
