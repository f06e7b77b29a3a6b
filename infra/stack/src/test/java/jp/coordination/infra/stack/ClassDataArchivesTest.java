package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service starts from its extracted jar with a class-data archive, and when as before. */
class ClassDataArchivesTest {

  @TempDir Path services;

  private Path jar() throws Exception {
    return touch(services.resolve("query-service.jar"), Instant.parse("2026-12-01T10:00:00Z"));
  }

  private static Path touch(Path file, Instant modified) throws Exception {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.writeString(file, "x");
    }
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  @Test
  void a_jar_the_build_prepared_starts_from_its_extracted_copy_with_its_archive() throws Exception {
    Path jar = jar();
    Instant after = Instant.parse("2026-12-01T10:01:00Z");
    Path extracted = touch(services.resolve("query-service/query-service.jar"), after);
    Path archive = touch(services.resolve("query-service.jsa"), after);

    assertThat(ClassDataArchives.launch(jar))
        .startsWith("-XX:SharedArchiveFile=" + archive.toAbsolutePath())
        .endsWith("-jar", extracted.toAbsolutePath().toString());
  }

  @Test
  void a_jar_without_an_archive_starts_as_before() throws Exception {
    Path jar = jar();
    touch(
        services.resolve("query-service/query-service.jar"), Instant.parse("2026-12-01T10:01:00Z"));

    assertThat(ClassDataArchives.launch(jar))
        .containsExactly("-jar", jar.toAbsolutePath().toString());
  }

  @Test
  void a_jar_copied_over_after_its_archive_was_made_starts_as_before() throws Exception {
    Path jar = jar();
    Instant before = Instant.parse("2026-12-01T09:59:00Z");
    touch(services.resolve("query-service/query-service.jar"), before);
    touch(services.resolve("query-service.jsa"), before);

    assertThat(ClassDataArchives.launch(jar))
        .containsExactly("-jar", jar.toAbsolutePath().toString());
  }
}
