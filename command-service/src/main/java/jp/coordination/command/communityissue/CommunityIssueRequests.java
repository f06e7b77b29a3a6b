package jp.coordination.command.communityissue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;

/**
 * Bodies of the community issue endpoints (API.md). Each may carry {@code id} (client-chosen UUID)
 * and {@code at} (business time), kept as text so that the request hash sees it as sent.
 */
final class CommunityIssueRequests {
  private CommunityIssueRequests() {}

  /** {@code ward} absent: the issue concerns the whole region. */
  record Raise(
      UUID id,
      @Size(max = 64) String at,
      @KnownWard String ward,
      @NotNull CommunityIssueCategory category,
      @NotBlank @SafeText @Size(max = 200) String title,
      @NotNull CommunityIssueSource raisedBy) {}

  record Discussion(UUID id, @Size(max = 64) String at, @NotNull LocalDate meetingDate) {}

  record Proposal(
      UUID id, @Size(max = 64) String at, @NotBlank @SafeText @Size(max = 200) String to) {}

  record Closure(
      UUID id,
      @Size(max = 64) String at,
      @NotNull CommunityIssueResolution resolution,
      @NotBlank @SafeText @Size(max = 1000) String note) {}
}
