package jp.coordination.platform.problem;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSourceResolvable;

/**
 * A text of a problem as a message key with arguments, so that the answer can be written in the
 * client's language ({@link ProblemLanguage}). The keys live in {@code
 * jp/coordination/platform/problem/messages*.properties} and a service's own {@code
 * problem-messages*.properties}; an argument that is itself a {@code ProblemText} (an action, a
 * noun) is translated too.
 */
public final class ProblemText implements MessageSourceResolvable {
  private final String key;
  private final Object[] args;
  private final String fallback;

  private ProblemText(String key, Object[] args, String fallback) {
    this.key = key;
    this.args = args;
    this.fallback = fallback;
  }

  /**
   * The text of a key; numbers among the arguments are best given as strings, since the message
   * format would group their digits ("1,048,576").
   */
  public static ProblemText of(String key, Object... args) {
    return new ProblemText(key, args.clone(), null);
  }

  /**
   * A key that may have no entry, e.g. the noun of a record kind: then the fallback is the text.
   */
  public static ProblemText orElse(String key, String fallback) {
    return new ProblemText(key, new Object[0], fallback);
  }

  @Override
  public String[] getCodes() {
    return new String[] {key};
  }

  @Override
  public Object[] getArguments() {
    return args.clone();
  }

  @Override
  public String getDefaultMessage() {
    return fallback;
  }

  public String in(Locale locale) {
    return ProblemLanguage.messages().getMessage(this, locale);
  }

  /** In the language of the request being answered. */
  public String localized() {
    return in(ProblemLanguage.current());
  }

  /** In English: an exception's message, for logs and for callers that read it. */
  public String english() {
    return in(ProblemLanguage.ENGLISH);
  }

  @Override
  public String toString() {
    return key + Arrays.toString(args);
  }
}
