package jp.coordination.command.personaldata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ErasureSchedule} in memory, for web tests. */
public final class InMemoryErasureSchedule implements ErasureSchedule {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public void put(Entry entry) {
    entries.put(entry.id(), entry);
  }

  @Override
  public List<Entry> dueAt(Instant now) {
    return entries.values().stream().filter(e -> !e.dueAt().isAfter(now)).toList();
  }

  @Override
  public void remove(Entry entry) {
    entries.remove(entry.id());
  }

  public List<Entry> all() {
    return new ArrayList<>(entries.values());
  }

  public void clear() {
    entries.clear();
  }
}
