package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void a_writer_returns_only_after_a_flush_that_began_after_its_change() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    AtomicInteger flushedUpTo = new AtomicInteger();
    try (GroupCommit commit =
        new GroupCommit("test-commit", () -> flushedUpTo.set(changes.get()))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    int mine = changes.incrementAndGet();
                    commit.awaitDurable();
                    assertThat(flushedUpTo.get()).isGreaterThanOrEqualTo(mine);
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(commit.writes()).isEqualTo(1_600);
      assertThat(commit.flushes()).isBetween(1L, 1_600L);
    }
  }

  @Test
  void writers_waiting_together_share_one_flush() throws Exception {
    CountDownLatch firstFlushEntered = new CountDownLatch(1);
    CountDownLatch releaseFirstFlush = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    try (GroupCommit commit =
        new GroupCommit(
            "test-commit",
            () -> {
              if (flushes.incrementAndGet() == 1) {
                firstFlushEntered.countDown();
                releaseFirstFlush.await();
              }
            })) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      Future<?> first = pool.submit(commit::awaitDurable);
      assertThat(firstFlushEntered.await(10, TimeUnit.SECONDS)).isTrue();
      // Five writers arrive while the first flush runs: they all join the next one.
      List<Future<?>> later = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        later.add(pool.submit(commit::awaitDurable));
      }
      while (commit.writes() < 6) {
        Thread.sleep(5);
      }
      releaseFirstFlush.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (Future<?> writer : later) {
        writer.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(flushes.get()).isEqualTo(2);
    }
  }

  @Test
  void a_failed_flush_fails_the_writers_that_waited_for_it_and_not_the_next() {
    AtomicInteger calls = new AtomicInteger();
    try (GroupCommit commit =
        new GroupCommit(
            "test-commit",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("disk full");
              }
            })) {
      assertThatThrownBy(commit::awaitDurable)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("disk full");
      commit.awaitDurable();
    }
  }

  @Test
  void a_closed_group_commit_refuses_writers() {
    GroupCommit commit = new GroupCommit("test-commit", () -> {});
    commit.close();
    assertThatThrownBy(commit::awaitDurable).isInstanceOf(IllegalStateException.class);
  }
}
