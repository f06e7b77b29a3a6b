package jp.coordination.command.rules;

/**
 * A command breaks a rule of the domain given the aggregate's current state (closing a closed case,
 * placing a cancelled intake). The HTTP layer answers 409; the message is shown to the client, so
 * it names the rule and never internal details.
 */
public class RuleBrokenException extends RuntimeException {
  public RuleBrokenException(String message) {
    super(message);
  }
}
