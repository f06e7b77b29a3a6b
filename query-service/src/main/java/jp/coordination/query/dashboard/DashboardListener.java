package jp.coordination.query.dashboard;

/**
 * Told in-process when a ward's dashboard document was written, after the write. It must return
 * quickly: it runs on the consumer's thread (the live stream only marks the ward and schedules).
 */
@FunctionalInterface
public interface DashboardListener {

  DashboardListener NONE = ward -> {};

  void wardChanged(String ward);
}
