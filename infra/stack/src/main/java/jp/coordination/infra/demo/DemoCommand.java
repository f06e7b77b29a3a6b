package jp.coordination.infra.demo;

import java.time.Instant;

/**
 * One command of the demo year, ready to send: {@code POST path} with a JSON body that carries its
 * own client id and business time, so sending it again is answered from the store.
 *
 * @param at the business time, the order in which the commands are sent
 * @param path the command-service path, e.g. {@code /api/intakes}
 * @param body the JSON body
 * @param expectedStatus 201 for a creation, 200 otherwise
 * @param method {@code POST}, or {@code PUT} for a record the path names (the year's plan)
 */
public record DemoCommand(Instant at, String path, String body, int expectedStatus, String method) {

  /** A {@code POST}. */
  public DemoCommand(Instant at, String path, String body, int expectedStatus) {
    this(at, path, body, expectedStatus, "POST");
  }
}
