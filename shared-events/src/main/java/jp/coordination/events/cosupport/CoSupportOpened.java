package jp.coordination.events.cosupport;

import java.util.List;
import jp.coordination.events.Codes;
import jp.coordination.events.EventType;

/**
 * The core center began supporting a difficult case together with a consultation office (共同支援の開始).
 *
 * @param caseId the new case's id
 * @param ward the ward the case counts for
 * @param officeId the consultation office (相談支援事業所)
 * @param householdId the registered household, or {@code null}
 * @param difficulties what makes the case difficult; at least one
 */
@EventType(name = "CoSupportOpened", revision = 1)
public record CoSupportOpened(
    String caseId, String ward, String officeId, String householdId, List<Difficulty> difficulties)
    implements CoSupportEvent {

  public CoSupportOpened {
    difficulties = Codes.normalised(difficulties);
  }
}
