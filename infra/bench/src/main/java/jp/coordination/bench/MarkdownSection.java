package jp.coordination.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of a Markdown file between two HTML comment markers: programs that report
 * into docs/BENCHMARKS.md rewrite only their own section and leave the hand-written text around it.
 */
final class MarkdownSection {

  /** Where a section goes the first time, when the file does not have its markers yet. */
  enum FirstTime {
    BEFORE_FIRST_SECTION,
    AT_END
  }

  private MarkdownSection() {}

  /**
   * Replaces what lies between {@code begin} and {@code end} (markers included) with the markers
   * around {@code body}; without markers, inserts them as {@code firstTime} says.
   */
  static void write(Path markdown, String begin, String end, String body, FirstTime firstTime)
      throws IOException {
    String section = begin + "\n" + body + (body.endsWith("\n") ? "" : "\n") + end + "\n";
    String old = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
    Files.writeString(markdown, replace(old, begin, end, section, firstTime));
  }

  static String replace(String old, String begin, String end, String section, FirstTime firstTime) {
    int b = old.indexOf(begin);
    int e = old.indexOf(end, Math.max(b, 0));
    if (b >= 0 && e > b) {
      int after = e + end.length();
      if (after < old.length() && old.charAt(after) == '\n') {
        after++;
      }
      return old.substring(0, b) + section + old.substring(after);
    }
    if (firstTime == FirstTime.BEFORE_FIRST_SECTION) {
      int firstSection = old.indexOf("\n## ");
      if (firstSection >= 0) {
        return old.substring(0, firstSection + 1)
            + section
            + "\n"
            + old.substring(firstSection + 1);
      }
    }
    return old + (old.endsWith("\n") ? "\n" : "\n\n") + section;
  }
}
