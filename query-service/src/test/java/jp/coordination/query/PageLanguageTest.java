package jp.coordination.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page asks for its problems in its UI language: the browser would send its own language, which
 * need not be the one the page shows (Japanese by default, English after the toggle).
 */
class PageLanguageTest {
  private static final Pattern FETCH = Pattern.compile("fetch\\((.*?)\\);", Pattern.DOTALL);

  @Test
  void every_fetch_of_the_pages_sends_the_ui_language_as_accept_language() throws IOException {
    for (String script : new String[] {"static/app/app.js", "static/app/statistics.js"}) {
      String source = read(script);
      Matcher fetch = FETCH.matcher(source);
      int fetches = 0;
      while (fetch.find()) {
        fetches++;
        assertThat(fetch.group(1))
            .as(script + ": " + fetch.group(1))
            .contains("'Accept-Language': state.lang");
      }
      assertThat(fetches).as(script).isPositive().isEqualTo(count(source, "fetch("));
    }
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = PageLanguageTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
