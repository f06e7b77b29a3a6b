package jp.coordination.command.rules;

import jp.coordination.platform.problem.ProblemText;

/**
 * A command breaks a rule of the domain given the aggregate's current state (closing a closed case,
 * placing a cancelled intake). The HTTP layer answers 409; the message is shown to the client, so
 * it names the rule and never internal details.
 */
public class RuleBrokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemText text;

  /** With a message in English only; see {@link #RuleBrokenException(ProblemText)}. */
  public RuleBrokenException(String message) {
    super(message);
    this.text = null;
  }

  /** With a message the answer gives in the client's language (problem-messages*.properties). */
  public RuleBrokenException(ProblemText message) {
    super(message.english());
    this.text = message;
  }

  /**
   * What a command would have done, as a rule's message names it ("placed", "be closed again"): the
   * text {@code action.<words-joined-by-dashes>}, the words themselves where there is none.
   */
  public static ProblemText action(String what) {
    return ProblemText.orElse("action." + what.replace(' ', '-'), what);
  }

  /** The message in the language of the request being answered. */
  public String localizedMessage() {
    return text != null ? text.localized() : getMessage();
  }
}
